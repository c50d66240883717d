"""Opening phrases of paragraphs ("leads") and the action class ("kind") each one expresses.

Kinds form a closed set, ``KINDS``. A lead is matched at the start of a paragraph as
``[pre-modifier]* VERB [modifier]*`` ("Also requests", "Prie en outre", "Prend note avec
satisfaction") and returned exactly as written in the text.
"""

from __future__ import annotations

import re

KINDS = (
    "request",  # Requests / Prie / Pide
    "call",  # Calls upon / Engage / Demande (aux États) / Hace un llamamiento
    "urging",  # Urges / Demande instamment / Insta
    "invitation",  # Invites / Invite / Invita
    "encouragement",  # Encourages / Encourage / Alienta
    "decision",  # Decides / Décide / Decide
    "reaffirmation",  # Reaffirms / Réaffirme / Reafirma
    "taking_note",  # Takes note / Prend note / Toma nota
    "welcome",  # Welcomes / Se félicite / Acoge con beneplácito
    "appreciation",  # Expresses its appreciation / Sait gré / Encomia
    "endorsement",  # Endorses / Souscrit / Hace suya
    "recognition",  # Recognizes / Reconnaît / Reconoce
    "emphasis",  # Stresses / Souligne / Subraya
    "concern",  # Expresses concern / Se déclare préoccupée / Expresa preocupación
    "condemnation",  # Condemns / Condamne / Condena
    "recommendation",  # Recommends / Recommande / Recomienda
    "recall",  # Recalls / Rappelle / Recuerda
    "other",  # an opening the vocabulary does not know
)

# Verb phrases per language, with the kind they express. Spaces match any whitespace.
_OPERATIVE: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("Prend note", "taking_note"),
        ("Prend acte", "taking_note"),
        ("Note", "taking_note"),
        ("Constate", "taking_note"),
        ("Observe", "taking_note"),
        ("Prie instamment", "urging"),
        ("Demande instamment", "urging"),
        ("Exhorte", "urging"),
        ("Engage vivement", "urging"),
        ("Prie", "request"),
        ("Charge", "request"),
        ("Demande", "call"),
        ("Exige", "urging"),
        ("Engage", "call"),
        ("Lance un appel", "call"),
        ("Appelle", "call"),
        ("Invite", "invitation"),
        ("Encourage", "encouragement"),
        ("Se félicite", "welcome"),
        ("Accueille avec satisfaction", "welcome"),
        ("Salue", "welcome"),
        ("Affirme à nouveau", "reaffirmation"),
        # "Réitère sa demande au Secrétaire général": a call, which _refine makes a request to an organ.
        ("(?:Réitère|Réaffirme|Renouvelle) (?:sa|ses) demandes?", "call"),
        ("(?:Réitère|Réaffirme|Renouvelle) (?:son|ses) invitations?", "invitation"),
        ("(?:Réitère|Réaffirme|Renouvelle) (?:son|ses) appels?", "call"),
        ("Réaffirme", "reaffirmation"),
        ("Réitère", "reaffirmation"),
        ("Renouvelle", "reaffirmation"),
        ("Confirme", "reaffirmation"),
        ("Rappelle", "recall"),
        ("Décide", "decision"),
        ("Adopte", "decision"),
        ("Autorise", "decision"),
        ("Proclame", "decision"),
        ("Déclare", "decision"),
        ("Convient", "decision"),
        ("Souscrit", "endorsement"),
        ("Approuve", "endorsement"),
        ("Appuie", "endorsement"),
        ("Soutient", "endorsement"),
        ("Fait siens?n?e?s?", "endorsement"),
        ("Sait gré", "appreciation"),
        ("Remercie", "appreciation"),
        ("Félicite", "appreciation"),
        ("Rend hommage", "appreciation"),
        ("Exprime sa (?:profonde |vive |sincère )?(?:gratitude|reconnaissance|satisfaction)", "appreciation"),
        ("Se déclare (?:très |profondément |vivement |gravement )?(?:préoccupée|inquiète|alarmée)", "concern"),
        ("Exprime sa (?:profonde |vive )?(?:préoccupation|inquiétude)", "concern"),
        ("Exprime (?:ses|son) (?:profonds? |vifs? |sincères? )?regrets?", "concern"),
        ("Regrette", "concern"),
        ("Est (?:profondément |vivement |gravement )?(?:préoccupée|consciente)", "concern"),
        ("Souligne", "emphasis"),
        ("Insiste", "emphasis"),
        ("Met l['’]accent", "emphasis"),
        ("Affirme", "emphasis"),
        ("Réaffirme", "reaffirmation"),
        ("Reconnaît", "recognition"),
        ("Considère", "recognition"),
        ("Estime", "recognition"),
        ("Condamne", "condemnation"),
        ("Déplore", "condemnation"),
        ("Recommande", "recommendation"),
    ],
    "en": [
        ("Takes note", "taking_note"),
        ("Notes", "taking_note"),
        ("Takes into account", "taking_note"),
        ("Requests", "request"),
        ("Calls (?:once again |again |also |further )?upon", "call"),
        ("Calls (?:once again |again |also |further )?on", "call"),
        ("Calls (?:once again |again |also |further )?for", "call"),
        ("Demands", "urging"),
        ("Appeals", "call"),
        ("Urges", "urging"),
        ("Invites", "invitation"),
        ("Encourages", "encouragement"),
        ("Welcomes", "welcome"),
        ("Continues to welcome", "welcome"),
        ("Continues to encourage", "encouragement"),
        # A renewed request, call or invitation is one: "Reiterates its request to the Secretary-General to report".
        ("(?:Reiterates|Reaffirms|Renews) its requests?", "request"),
        ("(?:Reiterates|Reaffirms|Renews) its calls? (?:upon|on)", "call"),
        ("(?:Reiterates|Reaffirms|Renews) its invitations?", "invitation"),
        ("(?:Reiterates|Reaffirms|Renews) its decisions?", "decision"),
        ("Reaffirms", "reaffirmation"),
        ("Reiterates", "reaffirmation"),
        ("Renews", "reaffirmation"),
        ("Confirms", "reaffirmation"),
        ("Recalls", "recall"),
        ("Decides", "decision"),
        ("Adopts", "decision"),
        ("Authorizes", "decision"),
        ("Proclaims", "decision"),
        ("Declares", "decision"),
        ("Agrees", "decision"),
        ("Determines", "decision"),
        ("Resolves", "decision"),
        ("Endorses", "endorsement"),
        ("Approves", "endorsement"),
        ("Supports", "endorsement"),
        (
            "Expresses (?:its )?(?:deep |deepest |sincere |profound |warm |great )?"
            "(?:appreciation|gratitude|thanks|satisfaction)",
            "appreciation",
        ),
        ("Commends", "appreciation"),
        ("Thanks", "appreciation"),
        ("Appreciates", "appreciation"),
        ("Congratulates", "appreciation"),
        ("Pays tribute", "appreciation"),
        ("Expresses (?:its )?(?:deep |grave |serious |strong |great |profound )?concern", "concern"),
        ("Expresses (?:its )?(?:deep |profound |sincere )?regret", "concern"),
        ("Regrets", "concern"),
        ("Is (?:deeply |gravely |seriously )?concerned", "concern"),
        ("Emphasizes", "emphasis"),
        ("Stresses", "emphasis"),
        ("Underlines", "emphasis"),
        ("Underscores", "emphasis"),
        ("Affirms", "emphasis"),
        ("Highlights", "emphasis"),
        ("Recognizes", "recognition"),
        ("Expresses (?:its )?(?:firm |deep |strong )?(?:belief|conviction)", "recognition"),
        ("Acknowledges", "recognition"),
        ("Considers", "recognition"),
        ("Condemns", "condemnation"),
        ("Deplores", "condemnation"),
        ("Recommends", "recommendation"),
    ],
    "es": [
        ("Toma nota", "taking_note"),
        ("Observa", "taking_note"),
        ("Toma conocimiento", "taking_note"),
        ("Pide", "request"),
        ("Solicita", "request"),
        ("Insta", "urging"),
        ("Exhorta", "urging"),
        ("Exige", "urging"),
        ("Hace un llamamiento", "call"),
        ("Invita", "invitation"),
        ("Alienta", "encouragement"),
        ("Acoge con (?:beneplácito|satisfacción|agrado)", "welcome"),
        ("Celebra", "welcome"),
        ("(?:Reitera|Reafirma|Renueva) su (?:solicitud|petición|pedido)", "request"),
        ("(?:Reitera|Reafirma|Renueva) su (?:llamamiento|exhortación)", "call"),
        ("(?:Reitera|Reafirma|Renueva) su invitación", "invitation"),
        ("Reafirma", "reaffirmation"),
        ("Reitera", "reaffirmation"),
        ("Renueva", "reaffirmation"),
        ("Confirma", "reaffirmation"),
        ("Recuerda", "recall"),
        ("Decide", "decision"),
        ("Declara", "decision"),
        ("Conviene", "decision"),
        ("Acuerda", "decision"),
        ("Resuelve", "decision"),
        ("Aprueba", "endorsement"),
        ("Apoya", "endorsement"),
        ("Respalda", "endorsement"),
        ("Hace suy[oa]s?", "endorsement"),
        (
            "Expresa su (?:profundo |sincero )?(?:reconocimiento|agradecimiento|aprecio|gratitud|satisfacción)",
            "appreciation",
        ),
        ("Encomia", "appreciation"),
        ("Aprecia", "appreciation"),
        ("Agradece", "appreciation"),
        ("Felicita", "appreciation"),
        ("Expresa (?:su )?(?:profunda |grave )?preocupación", "concern"),
        ("Expresa (?:su )?(?:profundo |sincero )?pesar", "concern"),
        ("Lamenta", "concern"),
        ("Destaca", "emphasis"),
        ("Subraya", "emphasis"),
        ("Pone de relieve", "emphasis"),
        ("Recalca", "emphasis"),
        ("Afirma", "emphasis"),
        ("Pone de manifiesto", "emphasis"),
        ("Reconoce", "recognition"),
        ("Condena", "condemnation"),
        ("Deplora", "condemnation"),
        ("Recomienda", "recommendation"),
    ],
}

_MODIFIERS = {
    "fr": r"également|aussi|en outre|de plus|à nouveau|de nouveau|encore|instamment|vivement|fermement|"
    r"avec (?:satisfaction|intérêt|préoccupation|inquiétude|appréciation|gratitude|reconnaissance)",
    "en": r"also|further|once again|again|strongly|in particular|"
    r"with (?:deep |grave |great |serious )?(?:appreciation|satisfaction|concern|interest|gratitude)",
    "es": r"también|además|asimismo|nuevamente|una vez más|encarecidamente|firmemente|"
    r"con (?:reconocimiento|aprecio|satisfacción|preocupación|interés|beneplácito)",
}
_PRE_MODIFIERS = {
    "fr": r"(?!)",
    "en": r"Also|Further|Again|Strongly|Once again|Further also|Also further|Urgently|Warmly|Firmly",
    "es": r"(?!)",
}

# Preambular openings beyond the regular participles (-ant, -ing, -ando/-iendo).
_PREAMBLE_PHRASES = {
    "fr": r"Ayant (?:{M} )?à l['’]esprit|Gardant (?:{M} )?à l['’]esprit|Prenant (?:{M} )?note(?: {M})*|"
    r"Prenant (?:{M} )?acte|Tenant (?:{M} )?compte|Se (?:{M} )?félicitant|"
    r"Exprimant (?:{M} )?sa (?:profonde |vive |sincère )?[a-zéè]+|Mettant (?:{M} )?l['’]accent|"
    r"Ayant (?:{M} )?examiné|Se déclarant (?:très |profondément |vivement |gravement )?[a-zéè]+|"
    r"(?:Profondément|Vivement|Gravement|Sérieusement|Très) [a-zéè]+|Consciente|Convaincue|Préoccupée|"
    r"Alarmée|Inquiète|Résolue|Déterminée|Persuadée|Soucieuse|Désireuse|Guidée(?: par)?|"
    r"Déçue|Consternée|Troublée|Choquée|Attristée|Indignée|"
    r"Encouragée|Attachée|Sachant|[A-ZÉÈÂ][a-zéèêàâîôûç]+ant",
    "en": r"Bearing (?:{M} )?in mind|Taking (?:{M} )?note(?: {M})*|Taking (?:{M} )?into (?:account|consideration)|"
    r"Having (?:{M} )?(?:considered|examined|reviewed|adopted)|"
    r"Expressing (?:its )?(?:deep |deepest |sincere |grave |serious |great |profound )?[a-z]+|"
    r"(?:Deeply|Gravely|Seriously|Profoundly|Also|Further) [a-z]+|Convinced|Aware|Mindful|Concerned|"
    r"Alarmed|Determined|Conscious|Cognizant|Desirous|Guided(?: by)?|Encouraged|Committed|"
    r"Disappointed|Dismayed|Appalled|Shocked|Troubled|Disturbed|Worried|Saddened|Outraged|Resolved|"
    r"[A-Z][a-z]+ing",
    "es": r"Teniendo (?:{M} )?presente|Tomando (?:{M} )?nota(?: {M})*|Teniendo (?:{M} )?en cuenta|"
    r"Poniendo (?:{M} )?de relieve|Expresando (?:su )?(?:profundo |sincero )?[a-záéíóú]+|"
    r"Acogiendo (?:{M} )?con (?:beneplácito|satisfacción|agrado)|Habiendo (?:{M} )?examinado|"
    r"(?:Profundamente|Gravemente|Seriamente|Sumamente) [a-záéíóú]+|Consciente|Convencida|"
    r"Preocupada|Alarmada|Decidida|Resuelta|Deseosa|Guiada(?: por)?|Alentada|"
    r"Decepcionada|Consternada|Conmocionada|Indignada|Inquieta|"
    r"[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:ando|iendo|endo)",
}


def _ws(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


def _compile_operative(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    entries = sorted(_OPERATIVE[lang], key=lambda entry: -len(entry[0]))
    kinds: dict[str, str] = {}
    alternatives = []
    for position, (phrase, kind) in enumerate(entries):
        name = f"v{position}"
        kinds[name] = kind
        alternatives.append(f"(?P<{name}>{_ws(phrase)})")
    modifiers = _ws(_MODIFIERS[lang])
    pattern = (
        rf"^(?:(?:{_ws(_PRE_MODIFIERS[lang])})\s+)*(?:{'|'.join(alternatives)})"
        rf"(?:\s+(?:{modifiers}))*(?![\w’'-])"
    )
    # English puts modifiers first ("Also requests"), so the verb may be lower-case.
    return re.compile(pattern, re.IGNORECASE if lang == "en" else 0), kinds


_OPERATIVE_LEADS = {lang: _compile_operative(lang) for lang in _OPERATIVE}
_PREAMBLE_LEADS = {
    lang: re.compile(
        r"^(?:"
        + _ws(phrase.replace("{M}", f"(?:{_MODIFIERS[lang]})"))
        + r")(?:\s+(?:"
        + _ws(_MODIFIERS[lang])
        + r"))*(?![\w’'-])"
    )
    for lang, phrase in _PREAMBLE_PHRASES.items()
}
_FIRST_WORD = re.compile(r"^[^\s,;:]+")

# Verbs that open a further action inside an operative paragraph: ", et prie aussi …".
_CLAUSE_VERBS = {
    "fr": r"(?:réitère|réaffirme|renouvelle) (?:sa|ses) demandes?|"
    r"prie|demande|exige|invite|encourage|engage|exhorte|prend note|se félicite|accueille|sait gré|"
    r"remercie|souligne|réaffirme|décide|souscrit|recommande|constate|note",
    "en": r"(?:reiterates|reaffirms|renews) its (?:requests?|calls? upon|calls? on|invitations?)|"
    r"requests|calls upon|calls on|calls for|demands|urges|invites|encourages|welcomes|takes note|notes|decides|"
    r"reaffirms|emphasizes|stresses|recognizes|commends|endorses|recommends|expresses",
    "es": r"(?:reitera|reafirma|renueva) su (?:solicitud|petición|pedido)|"
    r"pide|solicita|insta|exhorta|exige|invita|alienta|acoge|toma nota|decide|reafirma|destaca|subraya|"
    r"reconoce|encomia|recomienda|observa|expresa",
}
_CONJUNCTIONS = {"fr": "et", "en": "and", "es": "y|e"}
# Words that may stand between the conjunction and the verb: "and, to that end, requests …",
# "et, à cet égard, prie …", "y, a ese respecto, solicita …" (A/RES/80/28, paragraph 6).
_CLAUSE_ASIDES = {
    "fr": "à cette fin|à cet effet|à cet égard|à ce propos|dans ce contexte|dans ce cadre|en conséquence",
    "en": "to that end|to this end|in that regard|in this regard|in that respect|in this respect|"
    "in that context|in this context|for that purpose|for this purpose|accordingly",
    "es": "a tal fin|a tal efecto|con ese fin|con este fin|a ese respecto|a este respecto|en ese sentido|"
    "en este sentido|en ese contexto|en este contexto|por consiguiente",
}
# What follows the conjunction: an optional aside, an optional pronoun ("et lui demande"), then the
# verb phrase.
_CLAUSE_REST = {
    lang: rf"(?:\s*,?\s+(?:{_ws(_CLAUSE_ASIDES[lang])})\s*,?)?"
    r"\s+(?P<pronoun>(?:lui|leur|les|la|le|l['’]|it|them|le|la|les|lo)\s+)?"
    rf"(?P<verb>(?:(?:{_ws(_PRE_MODIFIERS[lang])})\s+)*(?:{_ws(verbs)})(?:\s+(?:{_ws(_MODIFIERS[lang])}))*)"
    r"(?![\w’'-])"
    for lang, verbs in _CLAUSE_VERBS.items()
}
_CLAUSE_START = {
    lang: re.compile(
        rf"(?:,\s*|;\s*|\s)(?:{_CONJUNCTIONS[lang]}){rest}",
        re.IGNORECASE if lang == "en" else 0,
    )
    for lang, rest in _CLAUSE_REST.items()
}
# The same clauses found from their conjunction, which comes first as a literal (or a
# one-letter class) so that the engine's fast scan finds it; the look-behind asks for the
# space, comma or semicolon _CLAUSE_START starts with. English is case-insensitive after "and".
_CLAUSE_FROM_CONJUNCTION = {
    "fr": re.compile(rf"et(?<=[,;\s]et){_CLAUSE_REST['fr']}"),
    "en": re.compile(rf"[aA](?<=[,;\s][aA])[nN][dD](?i:{_CLAUSE_REST['en']})"),
    "es": re.compile(rf"[ye](?<=[,;\s][ye]){_CLAUSE_REST['es']}"),
}
_EN_PRE = re.compile(r"^(?:also|further|again|strongly|once again)\s+", re.IGNORECASE)
_URGENT = re.compile(r"instamment|encarecidamente|\bStrongly\b|\bstrongly\b")


def operative_lead(text: str, lang: str) -> tuple[str | None, str]:
    """Return (lead as written, kind) for an operative paragraph's text (number removed)."""
    pattern, kinds = _OPERATIVE_LEADS[lang]
    match = pattern.match(text)
    if not match:
        first = _FIRST_WORD.match(text)
        return (first.group(0) if first else None), "other"
    lead = match.group(0)
    kind = kinds[match.lastgroup] if match.lastgroup in kinds else _kind_of_groups(match, kinds)
    if kind in ("request", "call") and _URGENT.search(lead):
        kind = "urging"
    return lead, kind


def _kind_of_groups(match: re.Match[str], kinds: dict[str, str]) -> str:
    for name, kind in kinds.items():
        if match.group(name) is not None:
            return kind
    return "other"


def clause_kind(verb_phrase: str, lang: str) -> tuple[str, str]:
    """Kind of a lower-case verb phrase found inside a paragraph (", et prie aussi")."""
    capitalised = verb_phrase[:1].upper() + verb_phrase[1:]
    if lang == "en":
        capitalised = _EN_PRE.sub("", capitalised)
        capitalised = capitalised[:1].upper() + capitalised[1:]
    lead, kind = operative_lead(capitalised, lang)
    return verb_phrase, kind


def clause_starts(text: str, lang: str) -> list[re.Match[str]]:
    """Further action clauses inside an operative paragraph, in order.

    The same matches as ``_CLAUSE_START[lang].finditer(text)``, found from their conjunction:
    a clause whose conjunction is at ``at`` starts in the spaces (after at most one comma or
    semicolon) just before it, and the leftmost of those starts is the one ``finditer`` gives.
    """
    pattern = _CLAUSE_START[lang]
    found = []
    position = 0  # where the next match may start (finditer resumes at the previous end)
    for clause in _CLAUSE_FROM_CONJUNCTION[lang].finditer(text):
        at = clause.start()
        start = at - 1
        while start > position and text[start - 1].isspace():
            start -= 1
        if start > position and text[start - 1] in ",;":
            start -= 1
        for offset in range(max(start, position), at):
            match = pattern.match(text, offset)
            if match:
                found.append(match)
                position = match.end()
                break
    return found


def preamble_lead(text: str, lang: str) -> str | None:
    """Opening phrase of a preambular paragraph, as written; the first word if unknown."""
    match = _PREAMBLE_LEADS[lang].match(text)
    if match:
        return match.group(0)
    first = _FIRST_WORD.match(text)
    return first.group(0) if first else None


# The adoption of a text printed right after it, in the resolution itself: "Adopts the following political
# declaration approved by the high-level meeting …:" (A/RES/73/3), "Adopte la déclaration politique suivante",
# "Aprueba la siguiente declaración política".
_ADOPTS_WHAT_FOLLOWS = {
    "en": re.compile(r"(?:Adopts|Approves|Endorses)[ \t]+the[ \t]+following\b"),
    "fr": re.compile(
        r"(?:Adopte|Approuve|Fait[ \t]+sienne)[ \t]+(?:la|le|les)[ \t]+"
        r"(?:[\w’'-]+[ \t]+){0,3}?(?:suivante?s?|ci-après)\b"
    ),
    "es": re.compile(r"(?:Aprueba|Adopta|Hace[ \t]+suy[ao]s?)[ \t]+(?:la|el|los|las)[ \t]+siguientes?\b"),
}


# The three languages' adoptions as one alternation (the opening formula may precede one on its line).
ADOPTS_WHAT_FOLLOWS_ANY = "|".join(f"(?:{pattern.pattern})" for pattern in _ADOPTS_WHAT_FOLLOWS.values())
_ADOPTION_IN_LINE = re.compile(rf"(?:^|\s)(?:{ADOPTS_WHAT_FOLLOWS_ANY})")


def adoption_in(line: str) -> bool:
    """Whether a line holds, at its start or after a space, the adoption of a text printed after it
    (in any of the three languages)."""
    return bool(_ADOPTION_IN_LINE.search(line))


def adopts_what_follows(line: str, lang: str) -> bool:
    """Whether a paragraph opens by adopting a text that the resolution prints after it (an inline
    declaration, whose own paragraphs are not the resolution's operative paragraphs)."""
    return bool(_ADOPTS_WHAT_FOLLOWS[lang].match(line))


def starts_preambular(line: str, lang: str) -> bool:
    """Whether a line opens a preambular paragraph (used where no blank line separates them)."""
    return bool(_PREAMBLE_LEADS[lang].match(line))


# The words preambular paragraphs of General Assembly and ECOSOC resolutions usually open with.
# After a paragraph ending with a colon ("… a major contribution to:"), its lettered items follow;
# when extraction lost their letters, an item ("Eliminating chemical weapons …,") reads like a
# paragraph opening with a participle, and only one of these words tells a new paragraph apart.
USUAL_PREAMBLE_WORDS = {
    "en": frozenset(
        """Recalling Reaffirming Recognizing Recognising Noting Welcoming Stressing Emphasizing Emphasising
        Acknowledging Reiterating Underlining Underscoring Considering Affirming Believing Appreciating
        Commending Highlighting Realizing Deploring Condemning Taking Having Bearing Expressing Seeking Wishing
        Guided Convinced Concerned Deeply Gravely Seriously Profoundly Aware Mindful Alarmed Determined Conscious
        Cognizant Desirous Encouraged Committed Re-emphasizing Further Also Observing Inspired
        Keeping Urging Encouraging""".split()  # noqa: SIM905 - a word list reads better as words
    ),
    "fr": frozenset(
        """Rappelant Réaffirmant Reconnaissant Notant Prenant Soulignant Constatant Considérant Ayant Gardant
        Tenant Se Accueillant Insistant Réitérant Sachant Saluant Affirmant Exprimant Mettant Observant
        Consciente Convaincue Préoccupée Profondément Vivement Gravement Alarmée Résolue Déterminée Soucieuse
        Désireuse Guidée Encouragée Attachée Persuadée Inquiète""".split()  # noqa: SIM905 - a word list reads better as words
    ),
    "es": frozenset(
        """Recordando Reafirmando Reconociendo Observando Tomando Destacando Subrayando Poniendo Teniendo
        Considerando Acogiendo Reiterando Expresando Habiendo Afirmando Haciendo Señalando Consciente
        Convencida Preocupada Profundamente Gravemente Alarmada Decidida Resuelta Deseosa Guiada Alentada""".split()  # noqa: SIM905 - a word list reads better as words
    ),
}


def opens_usual_preamble(line: str, lang: str) -> bool:
    """Whether a line opens with one of the usual words of a preambular paragraph ("Recalling",
    "Rappelant", "Recordando"), not merely with a participle ("Eliminating")."""
    first = line.split(None, 1)[0].rstrip(",") if line else ""
    return first in USUAL_PREAMBLE_WORDS[lang]


# Abbreviations that end in a full stop without ending a note ("Sales No.", "vol.", "para.").
NOTE_ABBREVIATIONS = frozenset(
    [
        "No.",
        "Nos.",
        "no.",
        "vol.",
        "Vol.",
        "vols.",
        "para.",
        "paras.",
        "sect.",
        "chap.",
        "p.",
        "pp.",
        "art.",
        "arts.",
        "Corr.",
        "Add.",
        "Rev.",
        "Suppl.",
        "e.g.",
        "i.e.",
        "cf.",
        "op.",
        "Ibid.",
        "ibid.",
        "Mr.",
        "Ms.",
        "Dr.",
        "St.",
        "n°.",
        "núm.",
        "párr.",
        "cap.",
        "Nº.",
    ]
)
