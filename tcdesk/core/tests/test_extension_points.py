"""Extension points: lower apps own them, higher apps fill them; panels show only what the user may see."""

import pytest

from tcdesk.core.extension_points import ExtensionPoint, Hook
from tcdesk.core.models import Country
from tcdesk.core.panels import PanelProvider, Panels


def test_contributions_come_in_order_and_registering_twice_keeps_one():
    point: ExtensionPoint[str] = ExtensionPoint("test.point")
    point.register("late", order=50)
    point.register("early", order=10)
    point.register("late", order=50)
    point.register("same order, after", order=50)
    assert list(point) == ["early", "late", "same order, after"]
    point.unregister("late")
    assert list(point) == ["early", "same order, after"]
    with point.only("alone"):
        assert list(point) == ["alone"]
    assert len(point) == 2


def test_a_hook_calls_every_reaction_with_the_event_and_an_error_stops_the_operation():
    seen = []
    hook: Hook[int] = Hook("test.hook")
    hook.register(lambda event: seen.append(("a", event)))
    hook.register(lambda event: seen.append(("b", event)))
    hook.fire(7)
    assert seen == [("a", 7), ("b", 7)]

    def refuse(event):
        raise ValueError("no")

    hook.register(refuse, order=0)
    with pytest.raises(ValueError):
        hook.fire(8)
    assert ("a", 8) not in seen


@pytest.mark.django_db
def test_panels_count_everything_show_the_first_items_and_leave_out_what_the_user_may_not_see(officer):
    panels: Panels[str] = Panels("test.panels")
    panels.register(
        PanelProvider(
            key="countries",
            title="Countries",
            template="x.html",
            items=lambda subject, user: Country.objects.filter(name_en__startswith=subject).order_by("iso3"),
            as_api=lambda country: {"iso3": country.iso3},
            link=lambda subject: f"/countries/?q={subject}",
        )
    )
    panels.register(
        PanelProvider(key="hidden", title="Hidden", template="x.html", items=lambda s, u: None, as_api=dict)
    )
    panels.register(
        PanelProvider(
            key="listed", title="Listed", template="x.html", items=lambda s, u: [3, 2, 1], as_api=lambda i: {"i": i}
        )
    )
    found = panels.for_subject("M", officer, limit=2)
    assert [p.key for p in found] == ["countries", "listed"]
    countries = found[0]
    assert countries.count == Country.objects.filter(name_en__startswith="M").count() > 2
    assert len(countries.items) == 2 and countries.truncated and countries.link == "/countries/?q=M"
    assert countries.as_api()["items"] == [{"iso3": c.iso3} for c in countries.items]
    assert (found[1].items, found[1].count) == ([3, 2], 3)
