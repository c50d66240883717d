"""The synthetic content of the demo: States, subjects in three languages, workflow paths, partners."""

from __future__ import annotations

import datetime as dt
import random

SYNTHETIC = "[Synthetic demo data] "

# The founding resolution's operative paragraphs a demo request cites (the table of docs/design.md): every request
# op. 5 (technical cooperation on request, as a high priority), then by subject; African States also
# op. 17 (the programme of action for Africa). Loaded by the mandates demo first, so they resolve.
FOUNDING = "A/RES/60/175"
MANDATES_BY_THEME = {
    "terrorism": ["6", "7"],
    "corruption": ["9", "24"],
    "trafficking_in_persons": ["9", "21"],
    "money_laundering": ["13"],
    "criminal_justice": ["13"],
    "cybercrime": ["13"],
}
AFRICAN_STATES = {"MLI", "SLE", "NGA"}


def cited_mandates(theme: str, iso3: str) -> list[str]:
    """The citations of a demo request, e.g. ["A/RES/60/175 op. 5", "A/RES/60/175 op. 6", …]."""
    paragraphs = ["5", *MANDATES_BY_THEME.get(theme, []), *(["17"] if iso3 in AFRICAN_STATES else [])]
    return [f"{FOUNDING} op. {p}" for p in paragraphs]


BASE_COUNT = 60

# State, language, requesting authorities, post-conflict context.
STATES = [
    (
        "MLI",
        "fr",
        ["Ministère de la Justice et des Droits de l'Homme", "Pôle judiciaire spécialisé antiterroriste"],
        True,
    ),
    ("COL", "es", ["Fiscalía General de la Nación", "Ministerio de Justicia y del Derecho"], True),
    ("UKR", "en", ["Office of the Prosecutor General", "National Police of Ukraine"], True),
    ("AFG", "en", ["Ministry of Justice", "Attorney General's Office"], True),
    ("HTI", "fr", ["Ministère de la Justice et de la Sécurité publique", "Police nationale d'Haïti"], True),
    ("NPL", "en", ["Ministry of Home Affairs", "Office of the Attorney General"], False),
    ("SLE", "en", ["Ministry of Justice", "Anti-Corruption Commission"], True),
    ("KGZ", "en", ["Prosecutor General's Office", "State Financial Intelligence Service"], False),
    ("MDA", "en", ["National Anticorruption Centre", "Ministry of Internal Affairs"], False),
    ("TLS", "en", ["Ministry of Justice", "Public Prosecution Service"], True),
    ("PER", "es", ["Ministerio Público", "Poder Judicial del Perú"], False),
    ("NGA", "en", ["Federal Ministry of Justice", "Economic and Financial Crimes Commission"], False),
]

SUBJECTS = {
    "terrorism": (
        ["ICSANT", "TERRORIST_FINANCING_1999"],
        {
            "en": (
                "Ratification and implementation of the nuclear terrorism convention",
                "Support to draft implementing legislation for the International Convention for the Suppression "
                "of Acts of Nuclear Terrorism and to train prosecutors and investigating judges on terrorism cases.",
            ),
            "fr": (
                "Ratification et mise en œuvre de la convention sur le terrorisme nucléaire",
                "Appui à la rédaction de la législation d'application de la Convention internationale pour la "
                "répression des actes de terrorisme nucléaire et formation des procureurs et juges d'instruction.",
            ),
            "es": (
                "Ratificación y aplicación del convenio sobre terrorismo nuclear",
                "Apoyo para redactar la legislación de aplicación del Convenio internacional para la represión de "
                "los actos de terrorismo nuclear y capacitación de fiscales y jueces en casos de terrorismo.",
            ),
        },
    ),
    "corruption": (
        ["UNCAC"],
        {
            "en": (
                "Strengthening the anti-corruption agency",
                "Institution building for the anti-corruption body, asset declaration systems and training of "
                "investigators in financial investigations under the Convention against Corruption.",
            ),
            "fr": (
                "Renforcement de l'organe de lutte contre la corruption",
                "Renforcement institutionnel de l'organe de lutte contre la corruption, déclarations de patrimoine "
                "et formation des enquêteurs aux enquêtes financières.",
            ),
            "es": (
                "Fortalecimiento de la agencia anticorrupción",
                "Fortalecimiento institucional del organismo anticorrupción, sistemas de declaración patrimonial y "
                "capacitación de investigadores en investigaciones financieras.",
            ),
        },
    ),
    "trafficking_in_persons": (
        ["TIP_PROTOCOL", "UNTOC"],
        {
            "en": (
                "Investigating and prosecuting trafficking in persons",
                "Training of police, prosecutors and judges on victim-centred investigation and prosecution of "
                "trafficking in persons, and support to a national referral mechanism.",
            ),
            "fr": (
                "Enquêtes et poursuites en matière de traite des personnes",
                "Formation des policiers, procureurs et juges aux enquêtes centrées sur les victimes de la traite "
                "des personnes et appui à un mécanisme national d'orientation.",
            ),
            "es": (
                "Investigación y enjuiciamiento de la trata de personas",
                "Capacitación de policías, fiscales y jueces en la investigación centrada en las víctimas de la "
                "trata de personas y apoyo a un mecanismo nacional de derivación.",
            ),
        },
    ),
    "money_laundering": (
        ["UNTOC"],
        {
            "en": (
                "Financial intelligence and asset recovery",
                "Mentoring of the financial intelligence unit and advisory services on confiscation of proceeds "
                "of crime and international cooperation for asset recovery.",
            ),
            "fr": (
                "Renseignement financier et recouvrement d'avoirs",
                "Encadrement de la cellule de renseignement financier et services consultatifs sur la confiscation "
                "du produit du crime et la coopération internationale.",
            ),
            "es": (
                "Inteligencia financiera y recuperación de activos",
                "Mentoría de la unidad de inteligencia financiera y asesoramiento sobre decomiso del producto del "
                "delito y cooperación internacional.",
            ),
        },
    ),
    "criminal_justice": (
        [],
        {
            "en": (
                "Reform of the criminal justice system after the conflict",
                "Advisory services and equipment to restore courts and prosecution services, case management "
                "and training of judges in post-conflict areas.",
            ),
            "fr": (
                "Réforme de la justice pénale après le conflit",
                "Services consultatifs et équipement pour rétablir les tribunaux et les parquets, gestion des "
                "affaires et formation des juges dans les zones sortant d'un conflit.",
            ),
            "es": (
                "Reforma de la justicia penal después del conflicto",
                "Servicios de asesoramiento y equipo para restablecer tribunales y fiscalías, gestión de casos y "
                "capacitación de jueces en zonas afectadas por el conflicto.",
            ),
        },
    ),
    "cybercrime": (
        [],
        {
            "en": (
                "Digital evidence and cybercrime investigations",
                "Training of police and prosecutors on electronic evidence, research and data on cybercrime "
                "trends, and equipment for a digital forensics laboratory.",
            ),
            "fr": (
                "Preuve numérique et enquêtes sur la cybercriminalité",
                "Formation des policiers et procureurs à la preuve électronique, recherche et données sur la "
                "cybercriminalité et équipement d'un laboratoire de criminalistique numérique.",
            ),
            "es": (
                "Prueba digital e investigación de la ciberdelincuencia",
                "Capacitación de policías y fiscales sobre prueba electrónica, investigación y datos sobre la "
                "ciberdelincuencia y equipo para un laboratorio forense digital.",
            ),
        },
    ),
}
TYPES_BY_THEME = {
    "terrorism": ["legislative_drafting", "training_prosecutors", "training_judges"],
    "corruption": ["institution_building", "training_practitioners", "advisory_services"],
    "trafficking_in_persons": ["training_police", "training_prosecutors", "training_judges"],
    "money_laundering": ["mentoring", "advisory_services"],
    "criminal_justice": ["advisory_services", "equipment", "training_judges"],
    "cybercrime": ["training_police", "research_data", "equipment"],
}
# Where each request stops along the workflow (weights give a realistic queue).
PATHS = [
    ([], 2),
    (["submit"], 6),
    (["submit", "acknowledge"], 6),
    (["submit", "acknowledge", "request_information"], 4),
    (["submit", "acknowledge", "assess"], 5),
    (["submit", "acknowledge", "assess", "accept"], 4),
    (["submit", "acknowledge", "assess", "decline"], 3),
    (["submit", "acknowledge", "assess", "accept", "plan"], 4),
    (["submit", "acknowledge", "assess", "accept", "plan", "deliver"], 3),
    (["submit", "acknowledge", "assess", "accept", "plan", "deliver", "close"], 3),
    (["submit", "acknowledge", "assess", "decline", "close"], 1),
    (["submit", "withdraw"], 1),
    (["submit", "acknowledge", "request_information", "respond", "assess"], 2),
]
COMMENTS = {
    "request_information": "Please specify the beneficiary courts and the number of participants.",
    "respond": "The beneficiaries are the specialised courts of the capital; about 40 participants.",
    "decline": "Already covered by a partner's programme in the same period; coordination proposed instead.",
    "withdraw": "The State informed us by note verbale that the need is now covered by national funds.",
    "plan": "Included in the regional programme's work plan.",
}
PARTNERS = [("UNDP", "Rule of law and justice sector support"), ("WB", "Public sector governance and anti-corruption")]


def _dates(rng: random.Random, steps: int, now: dt.datetime) -> list[dt.datetime]:
    """Plausible, increasing dates for the steps, the first within the last three years."""
    start = now - dt.timedelta(days=rng.randint(20 + 25 * steps, 1100), hours=rng.randint(0, 23))
    dates, current = [], start
    for _step in range(steps):
        dates.append(current)
        current = current + dt.timedelta(days=rng.randint(3, 45), hours=rng.randint(0, 8))
    return [min(d, now - dt.timedelta(hours=1)) for d in dates]


def _subject(rng: random.Random, iso3: str, language: str, post_conflict: bool):
    theme = rng.choice(["criminal_justice"] if post_conflict and rng.random() < 0.4 else list(SUBJECTS))
    instruments, texts = SUBJECTS[theme]
    title, description = texts[language]
    return theme, instruments, title, description
