"""The sections on delivery (portfolio: projects, activities, trainings by sex, judges and prosecutors) and
on asset sharing, and the API that lists the records behind their figures."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest

from tcdesk.assets import services as assets
from tcdesk.assets.tests import factories as asset_factories
from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import MINI_EN
from tcdesk.portfolio.tests import factories as portfolio
from tcdesk.reports import builder, labels
from tcdesk.reports.render.docx import render_docx

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


@pytest.fixture
def mini():
    resolution, _created = resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    return resolution


@pytest.fixture
def delivered(officer):
    """Trafficking: one project, two trainings in the period (one broken down by role, one for judges without
    a breakdown), one police training without a breakdown, one training after the period. Organized crime:
    a smuggling-of-migrants project (a sub-theme) with one training. Terrorism and corruption: nothing."""
    tip = portfolio.project(officer)
    portfolio.training(officer, tip)  # 25: 11 women, 13 men, 1 other; roles: 19 prosecutors, 6 judges
    portfolio.training(
        officer, tip, start=dt.date(2026, 4, 2), end=dt.date(2026, 4, 3), target_group="judges", roles=[],
        participants=10, women=6, men=4, other_sex=0,
    )  # fmt: skip
    portfolio.training(
        officer, tip, start=dt.date(2026, 5, 2), end=dt.date(2026, 5, 3), target_group="police", roles=[],
        participants=7, women=2, men=5, other_sex=0, country_iso3="NER",
    )  # fmt: skip
    portfolio.training(officer, tip, start=dt.date(2026, 8, 2), end=dt.date(2026, 8, 3))  # after the period
    som = portfolio.project(
        officer, theme_codes=["smuggling_of_migrants"], countries=[("COL", 100)], title_en="Smuggling of migrants"
    )
    portfolio.training(officer, som, country_iso3="COL", roles=[], target_group="police")
    return {"tip": tip, "som": som}


def test_the_delivery_figures_are_those_of_the_portfolio_for_the_period(mini, delivered):
    document = builder.build_document(resolution=mini, start=START, end=END, language="en")
    figures = document.figures
    assert figures["delivery_trafficking_in_persons_projects"] == 1
    assert figures["delivery_trafficking_in_persons_activities"] == 3
    assert figures["delivery_trafficking_in_persons_trainings"] == 3
    assert figures["delivery_trafficking_in_persons_participants"] == 25 + 10 + 7
    assert figures["delivery_trafficking_in_persons_women"] == 11 + 6 + 2
    # By role where recorded (19 prosecutors + 6 judges), the whole course where aimed at judges without a
    # breakdown (10); the police course counts no judge.
    assert figures["delivery_trafficking_in_persons_judges_prosecutors"] == 25 + 10
    assert figures["delivery_trafficking_in_persons_judges_prosecutors_women"] == 8 + 3 + 6
    # Smuggling of migrants counts under organized crime; trafficking in persons is shown on its own.
    assert figures["delivery_organized_crime_projects"] == 1
    assert figures["delivery_organized_crime_participants"] == 25
    assert figures["delivery_organized_crime_judges_prosecutors"] == 0
    assert figures["delivery_terrorism_projects"] == figures["delivery_corruption_activities"] == 0
    section = next(s for s in document.sections if s.key == "delivery")
    text = " ".join(b.text for b in section.blocks if hasattr(b, "text"))
    assert (
        "1 project was under way and 3 activities were held in 2 States" in text
        and "42 participants: 19 women, 22 men and 1 of another sex" in text
    )
    assert "No project on terrorism prevention was under way" in text
    assert "No judge or prosecutor is recorded among the participants." in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_docx_has_the_delivery_table_by_area_in_the_language(mini, delivered, lang):
    document = builder.build_document(resolution=mini, start=START, end=END, language=lang)
    word = docx.Document(io.BytesIO(render_docx(document, labels.renderer_labels(lang), on=END)))
    header = "Judges and prosecutors" if lang == "en" else "Juges et procureurs"
    table = next(t for t in word.tables if header in [c.text for c in t.rows[0].cells])
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}
    name = "Trafficking in persons" if lang == "en" else "Traite des personnes"
    assert rows[name] == ["1", "3", "3", "42", "19", "35", "17"]
    total = next(key for key in rows if key.startswith("Total"))
    assert rows[total] == ["2", "4", "4", "67", "30", "35", "17"]  # each project once
    assert len(rows) == 5


def test_a_period_without_delivery_says_so_for_each_area(mini):
    document = builder.build_document(resolution=mini, start=START, end=END, language="fr")
    section = next(s for s in document.sections if s.key == "delivery")
    texts = [b.text for b in section.blocks if hasattr(b, "text")]
    assert sum("Aucun projet" in t for t in texts) == 4
    assert document.table("delivery_by_theme") is None


def test_the_sources_api_lists_the_records_behind_the_figures(delivered, officer_client, focal_mli_client):
    url = "/api/reports/sources/delivery?theme=trafficking_in_persons&from=2026-01-01&to=2026-06-30"
    answer = officer_client.get(url)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["projects"] == [delivered["tip"].iati_identifier]
    assert body["participants"]["total"] == 42 and body["judges_and_prosecutors"]["total"] == 35
    assert len(body["activity_ids"]) == 3
    assert focal_mli_client.get(url).status_code == 403
    assert officer_client.get(url.replace("trafficking_in_persons", "nothing")).status_code == 422
    assert officer_client.get(url.replace("from=2026-01-01", "from=2027-01-01")).status_code == 422


def test_the_asset_sharing_section_counts_agreements_and_decisions_of_the_period(mini, officer, officer_client):
    agreement = asset_factories.agreement(officer, concluded_on=dt.date(2026, 2, 3))
    case = asset_factories.case(officer, agreement, final_order_on=dt.date(2026, 3, 1))
    assets.decision_record(actor=officer, case=case, decided_on=dt.date(2026, 4, 1))
    document = builder.build_document(resolution=mini, start=START, end=END, language="en")
    figures = document.figures
    assert figures["asset_agreements_concluded"] == 1 and figures["asset_decisions"] == 1
    table = document.table("asset_sharing")
    assert table is not None and table.rows == (("USD", "1", "844,200", "93,800"),)
    body = officer_client.get("/api/reports/sources/assets?from=2026-01-01&to=2026-06-30").json()
    assert body["agreement_references"] == ["SA-CHE-COL"] and body["decision_cases"] == ["CC-0001"]
    assert Decimal(body["by_currency"][0]["un_share"]) == Decimal("93800")
    later = builder.build_document(resolution=mini, start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31), language="en")
    section = next(s for s in later.sections if s.key == "assets")
    assert section.blocks[0].text.startswith("No sharing agreement was concluded and no sharing decision was taken")
