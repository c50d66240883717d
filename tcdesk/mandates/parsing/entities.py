"""Who an operative paragraph addresses, in canonical English names.

Only the "addressee zone" of a clause is searched: the words between the action verb and
the infinitive or subordinate clause that says what is asked ("Prie *le Secrétaire
général* de …", "Invites *Member States* to …"). Entities merely mentioned later in the
paragraph are not addressees.
"""

from __future__ import annotations

import re

UNODC = "United Nations Office on Drugs and Crime"
SECRETARY_GENERAL = "Secretary-General"

# (pattern, canonical name); longer names first where one contains another.
_ENTITIES: list[tuple[str, str]] = [
    # Conferences of the Parties come before "States" and "Convention".
    (
        r"Conférence des États parties à la Convention des Nations Unies contre la corruption|"
        r"Conference of the States Parties to the United Nations Convention against Corruption|"
        r"Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra la Corrupción",
        "Conference of the States Parties to the United Nations Convention against Corruption",
    ),
    (
        r"Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée|"
        r"Conference of the Parties to the United Nations Convention against Transnational Organized Crime|"
        r"Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada "
        r"Transnacional",
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    ),
    (r"Secrétaire général|Secretary-General|Secretario General", SECRETARY_GENERAL),
    (
        r"Office des Nations Unies contre la drogue et le crime|United Nations Office on Drugs and Crime|"
        r"Oficina de las Naciones Unidas contra la Droga y el Delito|UNODC|ONUDC",
        UNODC,
    ),
    (
        r"Commission pour la prévention du crime et la justice pénale|"
        r"Commission on Crime Prevention and Criminal Justice|Comisión de Prevención del Delito y Justicia Penal",
        "Commission on Crime Prevention and Criminal Justice",
    ),
    (
        r"Commission des stupéfiants|Commission on Narcotic Drugs|Comisión de Estupefacientes",
        "Commission on Narcotic Drugs",
    ),
    (
        r"Institut interrégional de recherche des Nations Unies sur la criminalité et la justice|"
        r"United Nations Interregional Crime and Justice Research Institute|"
        r"Instituto Interregional de las Naciones Unidas para Investigaciones sobre la Delincuencia y la Justicia",
        "United Nations Interregional Crime and Justice Research Institute",
    ),
    (
        r"réseau d['’]instituts du Programme des Nations Unies pour la prévention du crime et la justice pénale|"
        r"institutes? (?:of|comprising) the United Nations Crime Prevention and Criminal Justice Programme network|"
        r"(?:red de )?institutos de la red del Programa de las Naciones Unidas en materia de prevención del delito "
        r"y justicia penal",
        "institutes of the programme network",
    ),
    (
        r"Direction exécutive du Comité contre le terrorisme|Counter-Terrorism Committee Executive Directorate|"
        r"Dirección Ejecutiva del Comité contra el Terrorismo",
        "Counter-Terrorism Committee Executive Directorate",
    ),
    (
        r"Comité contre le terrorisme|Counter-Terrorism Committee|Comité contra el Terrorismo|"
        r"Comité du Conseil de sécurité créé par la résolution 1373 \(2001\)",
        "Counter-Terrorism Committee",
    ),
    (
        r"Programme des Nations Unies pour le développement|United Nations Development Programme|"
        r"Programa de las Naciones Unidas para el Desarrollo",
        "United Nations Development Programme",
    ),
    (r"Banque mondiale|World Bank|Banco Mundial", "World Bank"),
    (
        r"institutions financières internationales|international financial institutions|"
        r"instituciones financieras internacionales",
        "international financial institutions",
    ),
    (
        r"organismes (?:régionaux et nationaux )?de financement|funding agencies|organismos de financiación",
        "funding agencies",
    ),
    (
        r"entités compétentes des Nations Unies|relevant United Nations entities|"
        r"entidades competentes de las Naciones Unidas",
        "United Nations entities",
    ),
    (
        r"organisations d['’]intégration économique régionale|regional economic integration organizations|"
        r"organizaciones regionales de integración económica",
        "regional economic integration organizations",
    ),
    (
        r"organisations non gouvernementales|non-governmental organizations|organizaciones no gubernamentales",
        "non-governmental organizations",
    ),
    (
        r"organisations internationales|international organizations|organizaciones internacionales",
        "international organizations",
    ),
    (r"organisations régionales|regional organizations|organizaciones regionales", "regional organizations"),
    (r"société civile|civil society|sociedad civil", "civil society"),
    (r"secteur privé|private sector|sector privado", "private sector"),
    (r"partenaires (?:de|du) développement|development partners|asociados para el desarrollo", "development partners"),
    (r"donateurs|donors|donantes", "donors"),
    (
        r"Conseil économique et social|Economic and Social Council|Consejo Económico y Social",
        "Economic and Social Council",
    ),
    (r"Assemblée générale|General Assembly|Asamblea General", "General Assembly"),
    (r"États Membres|Member States|Estados Miembros", "Member States"),
    (r"États parties|States parties|Estados partes", "States parties"),
    (r"gouvernements|Governments|Gobiernos", "Governments"),
    (r"États|States|Estados", "States"),
]


def _compile() -> tuple[re.Pattern[str], list[str]]:
    names = []
    alternatives = []
    for position, (pattern, canonical) in enumerate(_ENTITIES):
        names.append(canonical)
        alternatives.append(f"(?P<e{position}>{pattern.replace(' ', r'\s+')})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"), names


_ENTITY_PATTERN, _ENTITY_NAMES = _compile()

_ZONE_END = {
    "fr": re.compile(
        r"(?:\b(?:de|à)\s+|\bd['’])(?:(?:lui|leur|les|la|le|l['’]|en|y|se|s['’])\s*)*"
        r"[a-zàâçéèêëîïôûœ-]+(?:er|ir|re|oir)\b|\b(?:qui|qu['’]|que|dont|afin)\b|[;:]"
    ),
    "en": re.compile(
        r"\bto\s+(?!the\b|all\b|its\b|their\b|this\b|that\b|those\b|these\b|a\b|an\b|it\b|them\b)[a-z]|"
        r"\b(?:that|which|who|whose|in order|so as|for)\b|[;:]",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:a|de|para)\s+(?:(?:lo|la|los|las|le|les|se)\s+)*[a-záéíóúñ]+(?:ar|er|ir)(?:lo|la|los|las|le|les|se)?\b|"
        r"\b(?:que|quien|quienes|cuyo)\b|[;:]"
    ),
}
_SUBJECT_CLAUSE = re.compile(r"^\s*(?:que\s+|qu['’]|that\s+)", re.IGNORECASE)


def find_entities(text: str) -> list[str]:
    """Canonical names of every known entity in ``text``, in order, without repeats."""
    found: list[str] = []
    for match in _ENTITY_PATTERN.finditer(text):
        name = _ENTITY_NAMES[int(match.lastgroup[1:])]
        if name not in found:
            found.append(name)
    return found


def addressee_zone(after_verb: str, lang: str) -> str:
    """The words naming who is addressed: from the verb up to what they are asked to do."""
    subject = _SUBJECT_CLAUSE.match(after_verb)
    if subject:
        # "demande que l'Office … continue": the subject of the clause is the addressee.
        return after_verb[subject.end() : subject.end() + 200]
    end = _ZONE_END[lang].search(after_verb)
    return after_verb[: end.start()] if end else after_verb


def addressees_of(after_verb: str, lang: str) -> list[str]:
    """Addressees named right after an action verb."""
    zone = addressee_zone(after_verb, lang)
    if _SUBJECT_CLAUSE.match(after_verb):
        names = find_entities(zone)
        return names[:1]
    return find_entities(zone)
