"""Demo data: a clearly synthetic queue of technical-assistance requests across States, roles and statuses.

Scale 1 builds about 60 requests through the services (so each has its events, history and priority);
`--scale N` adds 60 × (N − 1) more with bulk inserts (one synthetic event each, no change-history rows,
which would otherwise dominate the time). Deterministic for a seed (dates are relative to today).

Requests cite real mandates of A/RES/60/175 (op. 5, and 6, 7, 9, 13, 17, 21, 24 by subject and region),
which the mandates demo (run before this one) has loaded, so they link to the registry.

The synthetic content (States, subjects, workflow paths, cited mandates) is in `data`, the partners' activities in
`partners`, the fast bulk inserts in `bulk`.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from tcdesk.accounts.choices import Role
from tcdesk.accounts.services import role_assign
from tcdesk.core.demo import demo_user, focal_point_for

from .. import services, workflow
from ..models import AssistanceRequest, PartnerActivity, RequestMandateLink
from .bulk import bulk_requests
from .data import BASE_COUNT, COMMENTS, PATHS, STATES, SYNTHETIC, TYPES_BY_THEME, _dates, _subject, cited_mandates
from .partners import _partner_activities

__all__ = ["bulk_requests", "load_demo"]


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
        ta_request = services.request_create(
            actor=focal[iso3] if rng.random() < 0.8 else officer,
            country_iso3=iso3,
            title=title,
            requesting_authority=rng.choice(authorities),
            description=SYNTHETIC + description,
            assistance_types=rng.sample(TYPES_BY_THEME[theme], k=rng.randint(1, 2)),
            theme_codes=[theme, *(["post_conflict"] if post_conflict else [])],
            instrument_codes=instruments[: rng.randint(0, len(instruments))],
            mandates=cited_mandates(theme, iso3),
            beneficiary_institutions=rng.choice(authorities),
            desired_start=(now + dt.timedelta(days=rng.randint(-200, 300))).date(),
            desired_end=(now + dt.timedelta(days=rng.randint(320, 700))).date(),
            post_conflict=post_conflict,
            submit=False,
        )
        for action, at in zip(steps, _dates(rng, len(steps), now), strict=True):
            actor = focal[iso3] if action in (workflow.SUBMIT, workflow.RESPOND, workflow.WITHDRAW) else officer
            ta_request = services.request_transition(
                ta_request=ta_request,
                actor=actor,
                action=action,
                comment=COMMENTS.get(action, ""),
                at=at,
                project_reference=f"PRJ-DEMO-{index:03d}" if action == workflow.PLAN else "",
            )
        if steps and rng.random() < 0.4:
            services.request_comment(
                ta_request=ta_request,
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
    demo_links = RequestMandateLink.objects.filter(request__description__startswith=SYNTHETIC)
    return {
        "requests": AssistanceRequest.objects.filter(description__startswith=SYNTHETIC).count(),
        "mandate_links": demo_links.count(),
        "mandate_links_resolved": demo_links.filter(mandate__isnull=False).count(),
        "bulk_requests": bulk,
        "partner_activities": activities,
        "focal_points": sorted(u.username for u in focal.values()),
    }
