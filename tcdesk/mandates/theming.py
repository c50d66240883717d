"""Themes of a mandate from keyword rules over its text, in English, French and Spanish.

Pure function, no Django import: `themes_for(text)` returns the codes of `core.Theme` rows
(tcdesk/core/data/themes.csv) whose keywords occur in the text. Rules are deliberately
conservative: a theme is given when a specific term of the field occurs, not a vague word.
"""

from __future__ import annotations

import re

from tcdesk.core.text import fold as fold_accents_and_case

# Theme code → keyword patterns (matched on lower-case text with accents removed).
RULES: dict[str, tuple[str, ...]] = {
    "terrorism": (r"terroris", r"antiterror", r"counter-terror", r"contra el terror"),
    "terrorist_financing": (
        r"financ\w* (?:of|du|del) terroris",
        r"terrorist financing",
        r"financement du terrorisme",
        r"financiacion del terrorismo",
    ),
    "corruption": (r"corrupt", r"corrupcion"),
    "organized_crime": (
        r"organi[sz]ed crime",
        r"criminalite (?:transnationale )?organisee",
        r"delincuencia organizada",
        r"transnational organized",
    ),
    "trafficking_in_persons": (
        r"trafficking in persons",
        r"traite des (?:personnes|etres humains)",
        r"trata de personas",
        r"human trafficking",
    ),
    "smuggling_of_migrants": (
        r"smuggling of migrants",
        r"trafic (?:illicite )?de migrants",
        r"trafico ilicito de migrantes",
    ),
    "firearms": (r"firearms", r"armes a feu", r"armas de fuego"),
    "drugs": (r"\bdrug traffick", r"trafic de drogues", r"trafico de drogas", r"narcotic", r"stupefiants"),
    "money_laundering": (r"money.laundering", r"blanchiment", r"blanqueo"),
    "asset_recovery": (
        r"asset recovery",
        r"recouvrement d.avoirs",
        r"recuperacion de activos",
        r"confiscat",
        r"proceeds of crime",
        r"produit du crime",
        r"producto del delito",
        r"avoirs confisques",
        r"sharing of confiscated",
        r"partage du produit",
    ),
    "criminal_justice": (
        r"criminal justice (?:system|reform|institution)",
        r"systemes? (?:nationaux )?de justice penale",
        r"institutions de justice penale",
        r"sistemas? de justicia penal",
        r"standards and norms",
        r"regles et normes",
        r"reglas y normas",
        r"rule of law",
        r"etat de droit",
        r"estado de derecho",
    ),
    "international_cooperation": (
        r"extradition",
        r"extradicion",
        r"mutual legal assistance",
        r"entraide judiciaire",
        r"asistencia judicial reciproca",
        r"international cooperation in criminal matters",
        r"cooperation internationale en matiere penale",
    ),
    "crime_prevention": (r"crime prevention", r"prevention du crime", r"prevencion del delito"),
    "cybercrime": (r"cybercrim", r"cybercriminalite", r"ciberdelincuencia", r"ciberdelito"),
    "gender": (
        r"\bgender",
        r"egalite des sexes",
        r"perspective sexospecifique",
        r"\bgenero\b",
        r"violence against women",
        r"violence a l.egard des femmes",
        r"violencia contra la mujer",
    ),
    "post_conflict": (
        r"post-conflict",
        r"apres (?:un )?conflit",
        r"despues de (?:los )?conflictos",
        r"posteriores a (?:los )?conflictos",
    ),
}

# Names of institutions that contain theme words without being about the theme ("the United Nations
# Crime Prevention and Criminal Justice Programme", "the Office on Drugs and Crime"): removed first.
INSTITUTION_NAMES = (
    r"(?:united nations )?crime prevention and criminal justice (?:programme|fund)",
    r"commission on crime prevention and criminal justice",
    r"united nations congress(?:es)? on (?:the )?(?:prevention of crime|crime prevention)[\w ,]*?criminal justice",
    r"programme des nations unies pour la prevention du crime et la justice penale",
    r"commission (?:pour la|de) prevention du crime et (?:de )?(?:la )?justice penale",
    r"fonds des nations unies pour la prevention du crime et la justice penale",
    r"congres des nations unies pour la prevention du crime et la justice penale",
    r"programa de las naciones unidas (?:en materia )?de prevencion del delito y justicia penal",
    r"comision de prevencion del delito y justicia penal",
    r"congreso de las naciones unidas sobre prevencion del delito y justicia penal",
    r"office (?:des nations unies )?contre la drogue et le crime",
    r"office on drugs and crime",
    r"oficina de las naciones unidas contra la droga y el delito",
    r"commission on narcotic drugs",
    r"commission des stupefiants",
    r"comision de estupefacientes",
)
_INSTITUTIONS = re.compile("|".join(INSTITUTION_NAMES))
_COMPILED = {code: re.compile("|".join(patterns)) for code, patterns in RULES.items()}


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic apostrophes made plain."""
    return fold_accents_and_case(text.replace("’", "'"))


def themes_for(text: str) -> list[str]:
    """Codes of the themes whose keywords occur in the text, in the order of RULES."""
    folded = _INSTITUTIONS.sub(" ", fold(text))
    return [code for code, pattern in _COMPILED.items() if pattern.search(folded)]
