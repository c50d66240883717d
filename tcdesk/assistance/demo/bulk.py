"""Bulk demo requests: many synthetic requests inserted fast (for `--scale N` and the benchmarks)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

from tcdesk.accounts.models import User
from tcdesk.core.models import CountryGroupMembership

from .. import priority_rules, services, workflow
from ..choices import Decision, EventKind
from ..codes import join_codes
from ..models import AssistanceRequest, RequestEvent, RequestMandateLink
from .data import FOUNDING, PATHS, STATES, SYNTHETIC, TYPES_BY_THEME, _dates, _subject


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
    # Every other column (fields added since this list was written) gets its value as the ORM would
    # save it, so a new NOT NULL column never breaks the bulk demo.
    others = [f for f in AssistanceRequest._meta.concrete_fields if not f.primary_key and f.name not in REQUEST_FIELDS]
    rows = [
        row + tuple(f.get_db_prep_save(getattr(r, f.attname), connection) for f in others)
        for row, r in zip(rows, requests, strict=True)
    ]
    _fast_insert(AssistanceRequest, REQUEST_FIELDS + [f.name for f in others], rows)
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
    weight_values = priority_rules.Weights.from_mapping(weights.weights)
    memberships: dict[str, list[CountryGroupMembership]] = {}
    for m in CountryGroupMembership.objects.filter(country_id__in=[s[0] for s in STATES]):
        memberships.setdefault(m.country_id, []).append(m)
    officer = User.objects.filter(username="officer").first()
    # Each bulk request cites A/RES/60/175 op. 5 (its priority counts one mandate link), linked to the
    # registry's mandate when the mandates demo loaded it.
    from tcdesk.mandates.models import Mandate

    op5 = Mandate.objects.filter(resolution__symbol=FOUNDING, key="5").values_list("pk", flat=True).first()
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
            result = priority_rules.score(
                priority_rules.PriorityInputs(
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
                year_counters[year] = int(services.next_reference(year).rsplit("-", 1)[1])
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
            _insert_batch(requests, themes_of, events, officer, op5)
        done += size
        if progress:
            progress("assistance requests (bulk)", offset + done, offset + count)
    return count


def _insert_batch(requests, themes_of, events, officer, op5: int | None = None) -> None:
    through = AssistanceRequest.themes.through
    ids = _fast_insert_requests(requests)
    _fast_insert(
        RequestMandateLink,
        ["request", "symbol", "paragraph", "mandate"],
        [(ids[r.reference], FOUNDING, "5", op5) for r in requests],
    )
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
