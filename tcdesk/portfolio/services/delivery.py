"""Writes of activities, training events (participants by sex and role) and the results framework."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tcdesk.accounts.rules import require
from tcdesk.core.limits import check_text_lengths, text_length_problems
from tcdesk.core.models import Country

from ..choices import ActivityKind, IndicatorMeasure, TargetGroup
from ..models import Activity, Indicator, IndicatorPeriod, Outcome, Output, Project, TrainingEvent, TrainingRole
from ..permissions import MANAGE_PORTFOLIO
from ._common import Errors, add, check_period, duplicates


def _activity_fields(
    errors: Errors, *, kind: str, title: str, country_iso3: str | None, start: dt.date | None, end: dt.date | None
) -> None:
    if kind not in ActivityKind.values:
        add(errors, "kind", _("Unknown kind of activity “%(kind)s”.") % {"kind": kind})
    if not (title or "").strip():
        add(errors, "title", _("Give the activity a title."))
    if country_iso3 and not Country.objects.filter(iso3=country_iso3.upper()).exists():
        add(errors, "country", _("Unknown country code “%(code)s”.") % {"code": country_iso3})
    if start is None:
        add(errors, "start", _("Give the start date."))
    if end is None:
        add(errors, "end", _("Give the end date."))
    check_period(errors, "end", start, end)


@transaction.atomic
def activity_save(
    *,
    actor: Any,
    project: Project,
    activity: Activity | None = None,
    kind: str,
    title: str,
    description: str = "",
    country_iso3: str | None = None,
    start: dt.date,
    end: dt.date,
) -> Activity:
    """Create or change an activity of a project (a training's details go through `training_save`)."""
    require(actor, MANAGE_PORTFOLIO)
    errors: Errors = text_length_problems(Activity, description=description)
    _activity_fields(errors, kind=kind, title=title, country_iso3=country_iso3, start=start, end=end)
    if activity is not None and activity.kind == ActivityKind.TRAINING and kind != ActivityKind.TRAINING:
        add(errors, "kind", _("A training stays a training (its participants are recorded)."))
    if errors:
        raise ValidationError(errors)
    activity = activity or Activity(project=project)
    activity.kind = kind
    activity.title = title.strip()
    activity.description = description
    activity.country_id = country_iso3.upper() if country_iso3 else None
    activity.start, activity.end = start, end
    activity.save()
    return activity


@transaction.atomic
def training_save(
    *,
    actor: Any,
    project: Project,
    training: TrainingEvent | None = None,
    title: str,
    description: str = "",
    country_iso3: str | None,
    start: dt.date,
    end: dt.date,
    place: str,
    target_group: str,
    participants: int,
    women: int,
    men: int,
    other_sex: int,
    roles: Sequence[tuple[str, int, int, int]] = (),
    pre_score: Decimal | None = None,
    post_score: Decimal | None = None,
) -> TrainingEvent:
    """Create or change a training event (and its activity). Participants are counted by sex, and
    women + men + other or not disclosed must be the total; participants by role (optional) add up,
    sex by sex, to the same figures."""
    require(actor, MANAGE_PORTFOLIO)
    errors: Errors = text_length_problems(Activity, description=description)
    _activity_fields(errors, kind=ActivityKind.TRAINING, title=title, country_iso3=country_iso3, start=start, end=end)
    if not (place or "").strip():
        add(errors, "place", _("Give the place of the training."))
    if target_group not in TargetGroup.values:
        add(errors, "target_group", _("Unknown target group “%(group)s”.") % {"group": target_group})
    counts = {"participants": participants, "women": women, "men": men, "other_sex": other_sex}
    for field, value in counts.items():
        if value is None or int(value) < 0:
            add(errors, field, _("A number of participants is zero or more."))
    if not any(field in errors for field in counts):
        by_sex = int(women) + int(men) + int(other_sex)
        if by_sex > int(participants):
            add(
                errors,
                "participants",
                _("More participants by sex (%(by_sex)s) than in total (%(total)s).")
                % {"by_sex": by_sex, "total": participants},
            )
        elif by_sex < int(participants):
            add(
                errors,
                "participants",
                _(
                    "Participants by sex (%(by_sex)s) fall short of the total (%(total)s): count those who did not "
                    "say under “other or not disclosed”."
                )
                % {"by_sex": by_sex, "total": participants},
            )
    if roles:
        role_names = [role for role, *_counts in roles]
        for role in role_names:
            if role not in TargetGroup.values:
                add(errors, "roles", _("Unknown role “%(role)s”.") % {"role": role})
        if duplicates(role_names):
            add(errors, "roles", _("Each role once."))
        for index, label, figure in (
            (1, _("women"), women),
            (2, _("men"), men),
            (3, _("other or not disclosed"), other_sex),
        ):
            total = sum(int(row[index]) for row in roles)
            if total != int(figure or 0):
                add(
                    errors,
                    "roles",
                    _("Participants by role add up to %(sum)s %(sex)s, not %(figure)s.")
                    % {"sum": total, "sex": label, "figure": figure},
                )
    for field, score in (("pre_score", pre_score), ("post_score", post_score)):
        if score is not None and not Decimal(0) <= Decimal(str(score)) <= Decimal(100):
            add(errors, field, _("A test score is between 0 and 100."))
    if errors:
        raise ValidationError(errors)
    activity = activity_save(
        actor=actor,
        project=project,
        activity=training.activity if training else None,
        kind=ActivityKind.TRAINING,
        title=title,
        description=description,
        country_iso3=country_iso3,
        start=start,
        end=end,
    )
    training = training or TrainingEvent(activity=activity)
    training.place = place.strip()
    training.target_group = target_group
    training.participants, training.women, training.men, training.other_sex = (
        int(participants),
        int(women),
        int(men),
        int(other_sex),
    )
    training.pre_score = Decimal(str(pre_score)) if pre_score is not None else None
    training.post_score = Decimal(str(post_score)) if post_score is not None else None
    training.save()
    training.roles.all().delete()
    TrainingRole.objects.bulk_create(
        TrainingRole(training=training, role=r, women=int(w), men=int(m), other_sex=int(o)) for r, w, m, o in roles
    )
    return training


@transaction.atomic
def outcome_save(
    *, actor: Any, project: Project, outcome: Outcome | None = None, title: str, description: str = ""
) -> Outcome:
    """Create or change an outcome of a project."""
    require(actor, MANAGE_PORTFOLIO)
    if not (title or "").strip():
        raise ValidationError({"title": [_("Give the outcome a title.")]})
    check_text_lengths(Outcome, description=description)
    outcome = outcome or Outcome(project=project)
    outcome.title, outcome.description = title.strip(), description
    outcome.save()
    return outcome


@transaction.atomic
def output_save(
    *, actor: Any, outcome: Outcome, output: Output | None = None, title: str, description: str = ""
) -> Output:
    """Create or change an output under an outcome."""
    require(actor, MANAGE_PORTFOLIO)
    if not (title or "").strip():
        raise ValidationError({"title": [_("Give the output a title.")]})
    check_text_lengths(Output, description=description)
    output = output or Output(outcome=outcome)
    output.title, output.description = title.strip(), description
    output.save()
    return output


@transaction.atomic
def indicator_save(
    *,
    actor: Any,
    project: Project,
    indicator: Indicator | None = None,
    outcome: Outcome | None = None,
    output: Output | None = None,
    title: str,
    measure: int = IndicatorMeasure.UNIT,
    ascending: bool = True,
    counts_people: bool = False,
    baseline_year: int,
    baseline_value: Decimal,
    periods: Sequence[dict] = (),
) -> Indicator:
    """Create or change an indicator of an outcome or an output, with its periods: `{"start", "end",
    "target", "actual", and when it counts people "target_women", "target_men", "target_other",
    "actual_women", "actual_men", "actual_other"}`. By-sex figures add up to the target and the actual."""
    require(actor, MANAGE_PORTFOLIO)
    errors: Errors = {}
    if (outcome is None) == (output is None):
        add(errors, "outcome", _("An indicator measures one outcome or one output."))
    for parent in (outcome, output.outcome if output else None):
        if parent is not None and parent.project_id != project.pk:
            add(errors, "outcome", _("The outcome belongs to another project."))
    if not (title or "").strip():
        add(errors, "title", _("Give the indicator a title."))
    if measure not in IndicatorMeasure.values:
        add(errors, "measure", _("Unknown measure."))
    starts = [period.get("start") for period in periods]
    if duplicates(starts):
        add(errors, "periods", _("Two periods start on the same day."))
    for index, period in enumerate(periods, start=1):
        field = f"periods[{index}]"
        if period.get("start") is None or period.get("end") is None:
            add(errors, field, _("A period has a start and an end."))
            continue
        check_period(errors, field, period["start"], period["end"])
        for kind in ("target", "actual"):
            parts = [period.get(f"{kind}_{sex}") for sex in ("women", "men", "other")]
            given = period.get(kind)
            if counts_people and given is not None:
                counted = [int(part) for part in parts if part is not None]
                if len(counted) < len(parts):
                    add(errors, field, _("This indicator counts people: give the %(kind)s by sex.") % {"kind": kind})
                elif Decimal(sum(counted)) != Decimal(str(given)):
                    add(
                        errors,
                        field,
                        _("The %(kind)s by sex adds up to %(sum)s, not %(total)s.")
                        % {"kind": kind, "sum": sum(counted), "total": given},
                    )
    if errors:
        raise ValidationError(errors)
    indicator = indicator or Indicator(project=project)
    indicator.outcome, indicator.output = outcome, output
    indicator.title = title.strip()
    indicator.measure, indicator.ascending, indicator.counts_people = measure, ascending, counts_people
    indicator.baseline_year, indicator.baseline_value = baseline_year, Decimal(str(baseline_value))
    indicator.save()
    indicator.periods.all().delete()
    IndicatorPeriod.objects.bulk_create(
        IndicatorPeriod(
            indicator=indicator,
            start=p["start"],
            end=p["end"],
            target=p.get("target"),
            actual=p.get("actual"),
            **{f"{k}_{s}": p.get(f"{k}_{s}") for k in ("target", "actual") for s in ("women", "men", "other")},
        )
        for p in periods
    )
    return indicator
