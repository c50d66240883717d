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
    # Before "General Assembly": "Requests the President of the General Assembly to convene …".
    (
        r"Président(?:e)? de l['’]Assemblée générale|President of the General Assembly|"
        r"Presidente? de la Asamblea General",
        "President of the General Assembly",
    ),
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
        # "(?:red de )?institutos …" spelt out, so that every variant starts with a letter.
        r"red de institutos de la red del Programa de las Naciones Unidas en materia de prevención del delito "
        r"y justicia penal|"
        r"institutos de la red del Programa de las Naciones Unidas en materia de prevención del delito "
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


def _variants(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(?:c|d)" → ["a", "b(?:c|d)"])."""
    variants, current, depth, in_class, position = [], "", 0, False, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            current += pattern[position : position + 2]
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            variants.append(current)
            current, position = "", position + 1
            continue
        current += char
        position += 1
    variants.append(current)
    return variants


def _compile() -> tuple[re.Pattern[str], list[str]]:
    """One alternation of every spelling of every entity.

    Spellings are grouped by their first letter (two spellings with different first letters
    never match at the same place, so the order that matters, within a letter, is kept), and
    the "not after a word character" test follows that letter: the engine skips most
    positions by their first character and a cheap look-behind. An empty group
    ``e<entity>_<spelling>`` closing each spelling names the entity (``match.lastgroup``).
    """
    names = []
    by_letter: dict[str, list[str]] = {}
    for position, (pattern, canonical) in enumerate(_ENTITIES):
        names.append(canonical)
        for number, variant in enumerate(_variants(pattern)):
            first = variant[0]
            if not first.isalpha():
                raise ValueError(f"entity spellings must start with a letter: {variant!r}")
            rest = variant[1:].replace(" ", r"\s+")
            by_letter.setdefault(first, []).append(f"{rest}(?P<e{position}_{number}>)")
    alternatives = [f"{first}(?<![\\w-]{first})(?:{'|'.join(rests)})" for first, rests in by_letter.items()]
    return re.compile("(?:" + "|".join(alternatives) + r")(?![\w-])"), names


_ENTITY_PATTERN, _ENTITY_NAMES = _compile()


def _at_word_start(letters: str, rest: str) -> str:
    """Alternatives opening with one of ``letters`` at the start of a word (what ``\\b`` before
    a letter says), then ``rest``. Every alternative opens with a literal character, so the
    engine skips at C speed to the next place where one of them stands, instead of trying the
    whole pattern at every position of the text."""
    return "|".join(f"{letter}(?<!\\w{letter}){rest}" for letter in letters)


# Where the addressee zone ends: an infinitive or a subordinate clause, a semicolon or a colon.
# The plain forms, as first written (tests/test_parsing_fastpaths.py checks these against them):
#   fr: (?:\b(?:de|à)\s+|\bd['’])VERB|\b(?:qui|qu['’]|que|dont|afin)\b|[;:]
#   en: \bto\s+(?!the\b|…)[a-z]|\b(?:that|which|who|whose|in order|so as|for)\b|[;:]  (ignoring case)
#   es: \b(?:a|de|para)\s+VERB|\b(?:que|quien|quienes|cuyo)\b|[;:]
# Written here with their first letter apart, in each case the engine folds it to ("i" also
# matches "İ" and "ı", "s" also "ſ", ignoring case).
_FR_VERB = r"(?:(?:lui|leur|les|la|le|l['’]|en|y|se|s['’])\s*)*[a-zàâçéèêëîïôûœ-]+(?:er|ir|re|oir)\b"
_ES_VERB = r"\s+(?:(?:lo|la|los|las|le|les|se)\s+)*[a-záéíóúñ]+(?:ar|er|ir)(?:lo|la|los|las|le|les|se)?\b"
_EN_NOT_AFTER_TO = r"(?!the\b|all\b|its\b|their\b|this\b|that\b|those\b|these\b|a\b|an\b|it\b|them\b)"
_ZONE_END = {
    "fr": re.compile(
        "|".join(
            [
                _at_word_start("d", rf"(?:(?:e\s+|['’]){_FR_VERB}|ont\b)"),
                _at_word_start("à", rf"\s+{_FR_VERB}"),
                _at_word_start("q", r"u(?:i|['’]|e)\b"),
                _at_word_start("a", r"fin\b"),
                ";",
                ":",
            ]
        )
    ),
    "en": re.compile(
        "|".join(
            [
                _at_word_start("tT", rf"(?i:o\s+{_EN_NOT_AFTER_TO}[a-z]|hat\b)"),
                _at_word_start("wW", r"(?i:hich|ho|hose)\b"),
                _at_word_start("iI\u0130\u0131", r"(?i:n\s+order)\b"),
                _at_word_start("sS\u017f", r"(?i:o\s+as)\b"),
                _at_word_start("fF", r"(?i:or)\b"),
                ";",
                ":",
            ]
        )
    ),
    "es": re.compile(
        "|".join(
            [
                _at_word_start("a", _ES_VERB),
                _at_word_start("d", rf"e{_ES_VERB}"),
                _at_word_start("p", rf"ara{_ES_VERB}"),
                _at_word_start("q", r"u(?:e|ien|ienes)\b"),
                _at_word_start("c", r"uyo\b"),
                ";",
                ":",
            ]
        )
    ),
}
_SUBJECT_CLAUSE = re.compile(r"^\s*(?:que\s+|qu['’]|that\s+)", re.IGNORECASE)


def find_entities(text: str) -> list[str]:
    """Canonical names of every known entity in ``text``, in order, without repeats."""
    found: list[str] = []
    for match in _ENTITY_PATTERN.finditer(text):
        group = match.lastgroup or ""  # every alternative of the pattern is a named group ("e12_3")
        name = _ENTITY_NAMES[int(group[1:].partition("_")[0])]
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
    """Addressees named right after an action verb (in ``addressee_zone``, whose subject-clause
    test is made here once for both)."""
    subject = _SUBJECT_CLAUSE.match(after_verb)
    if subject:
        # "demande que l'Office … continue": the subject of the clause, the first entity named.
        return find_entities(after_verb[subject.end() : subject.end() + 200])[:1]
    end = _ZONE_END[lang].search(after_verb)
    return find_entities(after_verb[: end.start()] if end else after_verb)


_LEADING_ARTICLE = re.compile(r"^(?:the|le|la|les|l['’]\s?|el|los|las)\s*", re.IGNORECASE)


def addressee_as_written(after_verb: str, lang: str) -> str | None:
    """Who is addressed, as written, when it is none of the known entities ("Requests *the Chair
    of the Ad Hoc Committee* to …" → "Chair of the Ad Hoc Committee"); None when the words
    after the verb do not name someone (a clause, a number, a long phrase)."""
    if _SUBJECT_CLAUSE.match(after_verb):
        return None
    zone = addressee_zone(after_verb, lang).strip(" ,;:")
    zone = _LEADING_ARTICLE.sub("", zone, count=1)
    # "the Secretariat, within existing resources, to …": a name holds no comma; what follows one is
    # an aside between the addressee and what it is asked to do.
    zone = zone.partition(",")[0]
    words = zone.split()
    if not 1 <= len(words) <= 10 or not words[0][:1].isupper() or any(char.isdigit() for char in zone):
        return None
    return " ".join(words).rstrip(",")
