"""Delivery on the four areas the resolution names (terrorism prevention, organized crime, corruption,
trafficking in persons): projects under way, activities, training events with participants by sex, and
the judges and prosecutors trained, from tcdesk.portfolio's records."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tcdesk.core.models import Theme

from ..document import Note, Section, Table
from ..selectors import DELIVERY_THEMES, delivery_in_period
from .context import Context

LETTERS = "ABCDEFGH"


def source_query(ctx: Context, theme: str) -> str:
    """The API call that lists the records behind a theme's figures (projects, activities, trainings)."""
    return f"GET /api/reports/sources/delivery?theme={theme}&{ctx.dates_query}"


def build(ctx: Context, themes: tuple[str, ...] = DELIVERY_THEMES) -> Section:
    section = Section(
        "delivery",
        _("Terrorism prevention, organized crime, corruption and trafficking in persons")
        if themes == DELIVERY_THEMES
        else _("Projects, activities and training"),
    )
    names = {t.code: t.name for t in Theme.objects.filter(code__in=themes)}
    rows = []
    judges_explained = False
    for index, theme in enumerate(themes):
        data = delivery_in_period(theme, ctx.start, ctx.end)
        name = names.get(theme, theme)
        people, judges = data["participants"], data["judges_and_prosecutors"]
        section.figures.update(
            {
                f"delivery_{theme}_projects": len(data["projects"]),
                f"delivery_{theme}_activities": data["activities"],
                f"delivery_{theme}_trainings": data["trainings"],
                f"delivery_{theme}_participants": people["total"],
                f"delivery_{theme}_women": people["women"],
                f"delivery_{theme}_judges_prosecutors": judges["total"],
                f"delivery_{theme}_judges_prosecutors_women": judges["women"],
            }
        )
        rows.append((name, data))
        if len(themes) > 1:
            section.heading(f"{LETTERS[index]}. {name}")
        # The method is stated once, in the first note; the next themes' notes name the theme and the query.
        note = Note(
            _(
                "Portfolio: projects with the theme “%(theme)s” or one of its sub-themes under way in the period; "
                "activities that started in it; participants as recorded for each training event."
            )
            % {"theme": name}
            if index == 0
            else _("Portfolio, theme “%(theme)s”.") % {"theme": name},
            source_query(ctx, theme),
        )
        if not data["projects"] and not data["activities"]:
            section.para(
                _("No project on %(theme)s was under way and no activity was held between %(start)s and %(end)s.")
                % {
                    "theme": name.lower() if ctx.language == "en" else name,
                    "start": ctx.d(ctx.start),
                    "end": ctx.d(ctx.end),
                },
                note,
            )
            continue
        text = _("Between %(start)s and %(end)s, %(projects)s under way and %(activities)s in %(countries)s.") % {
            "start": ctx.d(ctx.start),
            "end": ctx.d(ctx.end),
            "projects": ngettext("%(n)s project was", "%(n)s projects were", len(data["projects"]))
            % {"n": ctx.n(len(data["projects"]))},
            "activities": ngettext("%(n)s activity was held", "%(n)s activities were held", data["activities"])
            % {"n": ctx.n(data["activities"])},
            "countries": ngettext("%(n)s State", "%(n)s States", data["countries"]) % {"n": ctx.n(data["countries"])},
        }
        if data["trainings"]:
            text += " " + ngettext(
                "Of these, %(n)s was a training event, for %(participants)s participants: %(women)s women, "
                "%(men)s men and %(other)s of another sex or who did not say.",
                "Of these, %(n)s were training events, for %(participants)s participants: %(women)s women, "
                "%(men)s men and %(other)s of another sex or who did not say.",
                data["trainings"],
            ) % {
                "n": ctx.n(data["trainings"]),
                "participants": ctx.n(people["total"]),
                "women": ctx.n(people["women"]),
                "men": ctx.n(people["men"]),
                "other": ctx.n(people["other"]),
            }
        section.para(text, note)
        if judges["total"]:
            section.para(
                _(
                    "The training events trained %(total)s judges and prosecutors (%(women)s women, %(men)s men, "
                    "%(other)s of another sex or who did not say)."
                )
                % {
                    "total": ctx.n(judges["total"]),
                    "women": ctx.n(judges["women"]),
                    "men": ctx.n(judges["men"]),
                    "other": ctx.n(judges["other"]),
                },
                Note(
                    _(
                        "Participants recorded in the roles of judge or prosecutor; for a training event without a "
                        "breakdown by role, all its participants when it was aimed at judges or prosecutors."
                    )
                    if not judges_explained
                    else _("Judges and prosecutors counted in the same way."),
                    source_query(ctx, theme),
                ),
            )
            judges_explained = True
        elif data["trainings"]:
            section.para(_("No judge or prosecutor is recorded among the participants."))
    total = delivery_in_period(themes, ctx.start, ctx.end)
    section.figures.update(
        {
            "delivery_projects": len(total["projects"]),
            "delivery_trainings": total["trainings"],
            "delivery_participants": total["participants"]["total"],
            "delivery_participants_women": total["participants"]["women"],
            "delivery_judges_prosecutors": total["judges_and_prosecutors"]["total"],
        }
    )
    if len(themes) > 1:
        rows.append((_("Total (each project once)"), total))
    if any(data["projects"] or data["activities"] for _name, data in rows):
        section.table(
            Table(
                caption=_("Delivery by area of work"),
                header=(
                    _("Area"),
                    _("Projects"),
                    _("Activities"),
                    _("Training events"),
                    _("Participants"),
                    _("of whom women"),
                    _("Judges and prosecutors"),
                    _("of whom women"),
                ),
                rows=tuple(
                    (
                        name,
                        ctx.n(len(data["projects"])),
                        ctx.n(data["activities"]),
                        ctx.n(data["trainings"]),
                        ctx.n(data["participants"]["total"]),
                        ctx.n(data["participants"]["women"]),
                        ctx.n(data["judges_and_prosecutors"]["total"]),
                        ctx.n(data["judges_and_prosecutors"]["women"]),
                    )
                    for name, data in rows
                ),
                source=Note(
                    _(
                        "Portfolio records; a project with several of these themes counts under each, once in the "
                        "total."
                    ),
                    source_query(ctx, ",".join(themes)),
                ),
                key="delivery_by_theme",
            )
        )
    return section


def build_for_instrument(ctx: Context) -> Section:
    """Delivery on the themes of the convention (and its protocols) a Conference of the Parties report is
    about; a sub-theme counts under its theme, except those the report always shows on their own."""
    from django.db.models import Q

    found = set(
        Theme.objects.filter(instruments__code__in=ctx.instrument_codes() or [])
        .filter(Q(parent__isnull=True) | Q(code__in=DELIVERY_THEMES))
        .values_list("code", flat=True)
    )
    codes = tuple(t for t in DELIVERY_THEMES if t in found) + tuple(sorted(found - set(DELIVERY_THEMES)))
    if not codes:
        section = Section("delivery", _("Projects, activities and training"))
        section.para(_("No theme is recorded for this instrument: its projects cannot be found."))
        return section
    return build(ctx, codes)
