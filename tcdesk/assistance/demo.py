"""Demo data: a clearly synthetic queue of technical-assistance requests across States, roles and statuses.

Scale 1 builds about 60 requests through the services (so each has its events, history and priority);
`--scale N` adds 60 × (N − 1) more with bulk inserts (one synthetic event each, no change-history rows,
which would otherwise dominate the time). Deterministic for a seed (dates are relative to today).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

from tcdesk.accounts.choices import Role
from tcdesk.accounts.demo import demo_user, focal_point_for
from tcdesk.accounts.models import User
from tcdesk.accounts.services import role_assign
from tcdesk.core.models import CountryGroupMembership, Organisation

from . import priority, services, workflow
from .choices import ActivitySource, Decision, EventKind
from .codes import join_codes
from .models import AssistanceRequest, PartnerActivity, RequestEvent

SYNTHETIC = "[Synthetic demo data] "
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


def load_demo(*, seed: int, scale: int, progress) -> dict:
    with services.notifications_muted(), transaction.atomic():
        return _load_demo(seed=seed, scale=scale, progress=progress)


def _load_demo(*, seed: int, scale: int, progress) -> dict:
    rng = random.Random(seed)
    now = timezone.now()
    officer = demo_user("officer", first_name="Omar", last_name="Officer")
    role_assign(user=officer, role=Role.PROGRAMME_OFFICER)
    # Refresh: the previous demo requests and activities go, then come back identical for the seed.
    AssistanceRequest.objects.filter(description__startswith=SYNTHETIC).delete()
    PartnerActivity.objects.filter(description__startswith=SYNTHETIC).delete()
    services.current_weights()
    focal = {iso3: focal_point_for(iso3) for iso3, *_rest in STATES}
    paths = [p for p, weight in PATHS for _i in range(weight)]
    created = 0
    for index in range(BASE_COUNT):
        iso3, language, authorities, conflict_context = STATES[index % len(STATES)]
        post_conflict = conflict_context and rng.random() < 0.6
        theme, instruments, title, description = _subject(rng, iso3, language, post_conflict)
        steps = paths[index % len(paths)]
        request = services.request_create(
            actor=focal[iso3] if rng.random() < 0.8 else officer,
            country_iso3=iso3,
            title=title,
            requesting_authority=rng.choice(authorities),
            description=SYNTHETIC + description,
            assistance_types=rng.sample(TYPES_BY_THEME[theme], k=rng.randint(1, 2)),
            theme_codes=[theme, *(["post_conflict"] if post_conflict else [])],
            instrument_codes=instruments[: rng.randint(0, len(instruments))],
            mandates=["A/RES/60/175 op. 5"] + (["A/RES/60/175 op. 6"] if theme == "terrorism" else []),
            beneficiary_institutions=rng.choice(authorities),
            desired_start=(now + dt.timedelta(days=rng.randint(-200, 300))).date(),
            desired_end=(now + dt.timedelta(days=rng.randint(320, 700))).date(),
            post_conflict=post_conflict,
            submit=False,
        )
        for action, at in zip(steps, _dates(rng, len(steps), now), strict=True):
            actor = focal[iso3] if action in (workflow.SUBMIT, workflow.RESPOND, workflow.WITHDRAW) else officer
            request = services.request_transition(
                request=request,
                actor=actor,
                action=action,
                comment=COMMENTS.get(action, ""),
                at=at,
                project_reference=f"PRJ-DEMO-{index:03d}" if action == workflow.PLAN else "",
            )
        if steps and rng.random() < 0.4:
            services.request_comment(
                request=request,
                actor=officer,
                text="Thank you; we are checking what development partners already do in this area.",
            )
        created += 1
        progress("assistance requests", created, BASE_COUNT * max(scale, 1))
    activities = _partner_activities(rng, now, scale)
    bulk = bulk_requests(count=BASE_COUNT * (max(scale, 1) - 1), seed=seed, progress=progress, offset=created)
    services.priority_recompute(
        queryset=AssistanceRequest.objects.filter(
            description__startswith=SYNTHETIC, instruments__isnull=False
        ).distinct()
    )
    return {
        "requests": AssistanceRequest.objects.filter(description__startswith=SYNTHETIC).count(),
        "bulk_requests": bulk,
        "partner_activities": activities,
        "focal_points": sorted(u.username for u in focal.values()),
    }


def _partner_activities(rng: random.Random, now: dt.datetime, scale: int) -> int:
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=[c for c, _t in PARTNERS])}
    count = 0
    for iso3, _language, _authorities, _conflict in STATES:
        for code, title in PARTNERS:
            if code not in organisations or rng.random() < 0.3:
                continue
            theme = (
                "corruption"
                if code == "WB"
                else rng.choice(["criminal_justice", "terrorism", "trafficking_in_persons"])
            )
            _instruments, texts = SUBJECTS[theme]
            activity = PartnerActivity.objects.create(
                organisation=organisations[code],
                country_id=iso3,
                title=f"{title}: {texts['en'][0].lower()}",
                description=SYNTHETIC + texts["en"][1],
                start=(now - dt.timedelta(days=rng.randint(100, 500))).date(),
                end=(now + dt.timedelta(days=rng.randint(100, 700))).date(),
                source=ActivitySource.MANUAL if rng.random() < 0.5 else ActivitySource.IATI,
                iati_identifier=f"XM-DAC-SYNTH-{code}-{iso3}" if rng.random() < 0.5 else None,
            )
            activity.themes.set([theme])
            count += 1
    return count


def _fast_insert(model, fields: list[str], rows: list[tuple]) -> None:
    """INSERT with executemany: a tenth of bulk_create's time for 100,000 rows (values already adapted)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})", rows)


REQUEST_FIELDS = [
    "created_at",
    "updated_at",
    "reference",
    "country",
    "title",
    "requesting_authority",
    "assistance_types",
    "beneficiary_institutions",
    "description",
    "desired_start",
    "desired_end",
    "post_conflict",
    "status",
    "decision",
    "country_groups",
    "submitted_at",
    "acknowledged_at",
    "decided_at",
    "project_reference",
    "priority_score",
    "priority_explanation",
    "priority_computed_at",
    "weights_version",
    "version",
]


def _fast_insert_requests(requests: list[AssistanceRequest]) -> dict[str, int]:
    """Insert unsaved requests; returns their primary keys by reference."""
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(timezone.now())

    def when(value):
        return ops.adapt_datetimefield_value(value) if value else None

    def day(value):
        return ops.adapt_datefield_value(value) if value else None

    rows = [
        (
            stamp,
            stamp,
            r.reference,
            r.country_id,
            r.title,
            r.requesting_authority,
            r.assistance_types,
            r.beneficiary_institutions,
            r.description,
            day(r.desired_start),
            day(r.desired_end),
            r.post_conflict,
            r.status,
            r.decision,
            r.country_groups,
            when(r.submitted_at),
            when(r.acknowledged_at),
            when(r.decided_at),
            r.project_reference,
            r.priority_score,
            ops.adapt_json_value(r.priority_explanation, None),
            when(r.priority_computed_at),
            r.weights_version_id,
            1,
        )
        for r in requests
    ]
    _fast_insert(AssistanceRequest, REQUEST_FIELDS, rows)
    ids: dict[str, int] = {}
    references = [r.reference for r in requests]
    for start in range(0, len(references), 900):
        ids.update(
            AssistanceRequest.objects.filter(reference__in=references[start : start + 900]).values_list(
                "reference", "pk"
            )
        )
    return ids


def bulk_requests(*, count: int, seed: int, progress=None, offset: int = 0, batch: int = 5000) -> int:
    """Add `count` synthetic requests fast (bulk inserts; no history rows; one synthetic event each)."""
    if count <= 0:
        return 0
    rng = random.Random(seed + 1)
    now = timezone.now()
    weights = services.current_weights()
    weight_values = priority.Weights.from_mapping(weights.weights)
    memberships: dict[str, list[CountryGroupMembership]] = {}
    for m in CountryGroupMembership.objects.filter(country_id__in=[s[0] for s in STATES]):
        memberships.setdefault(m.country_id, []).append(m)
    officer = User.objects.filter(username="officer").first()
    statuses = [(steps, w) for steps, w in PATHS]
    population = [steps for steps, w in statuses for _i in range(w)]
    year_counters: dict[int, int] = {}
    done = 0
    while done < count:
        size = min(batch, count - done)
        requests, themes_of, events = [], [], []
        for _i in range(size):
            iso3, language, authorities, conflict_context = STATES[rng.randrange(len(STATES))]
            post_conflict = conflict_context and rng.random() < 0.5
            theme, _instruments, title, description = _subject(rng, iso3, language, post_conflict)
            steps = rng.choice(population)
            dates = _dates(rng, max(len(steps), 1), now)
            status = workflow.DRAFT
            for action in steps:
                status = workflow.TRANSITIONS[action].target
            submitted = dates[0] if steps else None
            acknowledged = dates[1] if "acknowledge" in steps else None
            decided = None
            decision = ""
            for position, action in enumerate(steps):
                if action in ("accept", "decline"):
                    decided, decision = (
                        dates[position],
                        (Decision.ACCEPTED if action == "accept" else Decision.DECLINED),
                    )
            groups = [m.group_id for m in memberships.get(iso3, []) if submitted and m.covers(submitted.date())]
            days = max(0, ((decided or now) - submitted).days) if submitted else 0
            result = priority.score(
                priority.PriorityInputs(
                    groups=frozenset(groups),
                    post_conflict=post_conflict,
                    days_waiting=days,
                    mandate_links=1,
                    as_of_group_date=submitted.date().isoformat() if submitted else "",
                ),
                weight_values,
            )
            year = (submitted or now).year
            if year not in year_counters:
                year_counters[year] = int(services._next_reference(year).rsplit("-", 1)[1])
            reference = f"TAR-{year}-{year_counters[year]:04d}"
            year_counters[year] += 1
            requests.append(
                AssistanceRequest(
                    reference=reference,
                    country_id=iso3,
                    title=title,
                    requesting_authority=rng.choice(authorities),
                    assistance_types=join_codes(rng.sample(TYPES_BY_THEME[theme], k=1)),
                    description=SYNTHETIC + description,
                    post_conflict=post_conflict,
                    status=status,
                    decision=decision,
                    country_groups=join_codes(groups),
                    submitted_at=submitted,
                    acknowledged_at=acknowledged,
                    decided_at=decided,
                    desired_start=(submitted or now).date() + dt.timedelta(days=rng.randint(60, 200)),
                    desired_end=(submitted or now).date() + dt.timedelta(days=rng.randint(220, 700)),
                    priority_score=result.score,
                    priority_explanation=result.explanation(),
                    priority_computed_at=now,
                    weights_version=weights,
                )
            )
            themes_of.append([theme, *(["post_conflict"] if post_conflict else [])])
            events.append((status, submitted or now))
        with transaction.atomic():
            _insert_batch(requests, themes_of, events, officer)
        done += size
        if progress:
            progress("assistance requests (bulk)", offset + done, offset + count)
    return count


def _insert_batch(requests, themes_of, events, officer) -> None:
    through = AssistanceRequest.themes.through
    ids = _fast_insert_requests(requests)
    _fast_insert(
        through,
        ["assistancerequest_id", "theme_id"],
        [(ids[r.reference], code) for r, codes in zip(requests, themes_of, strict=True) for code in codes],
    )
    _fast_insert(
        RequestEvent,
        [
            "request_id",
            "kind",
            "action",
            "from_status",
            "to_status",
            "actor_id",
            "at",
            "comment",
            "visible_to_state",
        ],
        [
            (
                ids[r.reference],
                EventKind.IMPORT,
                "",
                "",
                status,
                officer.pk if officer else None,
                connection.ops.adapt_datetimefield_value(at),
                "Synthetic bulk demo data.",
                True,
            )
            for r, (status, at) in zip(requests, events, strict=True)
        ],
    )
