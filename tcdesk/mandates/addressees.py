"""Canonical addressees of mandates: the parser's English names, with codes and French names.

Pure data, no Django import. The parser names addressees in canonical English ("Secretary-General",
"Member States"); tcdesk stores each one once, under a short code, with its UN French name.
Names the table does not know are stored under a code derived from the English name.
"""

from __future__ import annotations

import re

from tcdesk.core.text import strip_accents

# English name → (code, French name, Spanish name, group) — group sorts the filter list.
ADDRESSEES: dict[str, tuple[str, str, str, str]] = {
    "Secretary-General": ("secretary-general", "Secrétaire général", "Secretario General", "secretariat"),
    "United Nations Office on Drugs and Crime": (
        "unodc",
        "Office des Nations Unies contre la drogue et le crime",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
        "secretariat",
    ),
    "Member States": ("member-states", "États Membres", "Estados Miembros", "states"),
    "States": ("states", "États", "Estados", "states"),
    "States parties": ("states-parties", "États parties", "Estados partes", "states"),
    "Governments": ("governments", "Gouvernements", "Gobiernos", "states"),
    "Commission on Crime Prevention and Criminal Justice": (
        "ccpcj",
        "Commission pour la prévention du crime et la justice pénale",
        "Comisión de Prevención del Delito y Justicia Penal",
        "bodies",
    ),
    "Commission on Narcotic Drugs": (
        "cnd",
        "Commission des stupéfiants",
        "Comisión de Estupefacientes",
        "bodies",
    ),
    "General Assembly": ("general-assembly", "Assemblée générale", "Asamblea General", "bodies"),
    "Economic and Social Council": (
        "ecosoc",
        "Conseil économique et social",
        "Consejo Económico y Social",
        "bodies",
    ),
    "Conference of the Parties to the United Nations Convention against Transnational Organized Crime": (
        "untoc-cop",
        "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée",
        "Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada "
        "Transnacional",
        "bodies",
    ),
    "Conference of the States Parties to the United Nations Convention against Corruption": (
        "uncac-cosp",
        "Conférence des États parties à la Convention des Nations Unies contre la corruption",
        "Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción",
        "bodies",
    ),
    "Counter-Terrorism Committee": (
        "ctc",
        "Comité contre le terrorisme",
        "Comité contra el Terrorismo",
        "bodies",
    ),
    "Counter-Terrorism Committee Executive Directorate": (
        "cted",
        "Direction exécutive du Comité contre le terrorisme",
        "Dirección Ejecutiva del Comité contra el Terrorismo",
        "bodies",
    ),
    "United Nations Interregional Crime and Justice Research Institute": (
        "unicri",
        "Institut interrégional de recherche des Nations Unies sur la criminalité et la justice",
        "Instituto Interregional de las Naciones Unidas para Investigaciones sobre la Delincuencia y la Justicia",
        "institutes",
    ),
    "institutes of the programme network": (
        "pni",
        "instituts du réseau du Programme",
        "institutos de la red del Programa",
        "institutes",
    ),
    "United Nations Development Programme": (
        "undp",
        "Programme des Nations Unies pour le développement",
        "Programa de las Naciones Unidas para el Desarrollo",
        "partners",
    ),
    "United Nations entities": (
        "un-entities",
        "organismes des Nations Unies",
        "entidades de las Naciones Unidas",
        "partners",
    ),
    "World Bank": ("world-bank", "Banque mondiale", "Banco Mundial", "partners"),
    "international financial institutions": (
        "ifis",
        "institutions financières internationales",
        "instituciones financieras internacionales",
        "partners",
    ),
    "international organizations": (
        "international-organizations",
        "organisations internationales",
        "organizaciones internacionales",
        "partners",
    ),
    "regional organizations": (
        "regional-organizations",
        "organisations régionales",
        "organizaciones regionales",
        "partners",
    ),
    "regional economic integration organizations": (
        "reios",
        "organisations régionales d’intégration économique",
        "organizaciones regionales de integración económica",
        "partners",
    ),
    "development partners": (
        "development-partners",
        "partenaires de développement",
        "asociados para el desarrollo",
        "partners",
    ),
    "donors": ("donors", "donateurs", "donantes", "funding"),
    "funding agencies": ("funding-agencies", "organismes de financement", "organismos de financiación", "funding"),
    "non-governmental organizations": (
        "ngos",
        "organisations non gouvernementales",
        "organizaciones no gubernamentales",
        "society",
    ),
    "civil society": ("civil-society", "société civile", "sociedad civil", "society"),
    "private sector": ("private-sector", "secteur privé", "sector privado", "society"),
}


def slug_of(name: str) -> str:
    """A stable code for an English name the table does not know."""
    ascii_name = strip_accents(name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "unknown"


def canonical(name: str) -> tuple[str, str, str, str]:
    """(code, English name, French name, Spanish name) for a parser addressee name."""
    entry = ADDRESSEES.get(name)
    if entry is None:
        return slug_of(name), name, "", ""
    code, name_fr, name_es, _group = entry
    return code, name, name_fr, name_es
