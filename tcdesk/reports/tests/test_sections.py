"""Sections computed from the records: what they say when there is nothing, which are offered, formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tcdesk.mandates.services import resolution_load
from tcdesk.mandates.tests.conftest import MINI_EN
from tcdesk.reports import builder, formatting, sections

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini():
    resolution, _created = resolution_load(data=MINI_EN.encode(), filename="A-RES-59-159.en.txt")
    return resolution


def texts(document) -> str:
    return "\n".join(b.text for s in document.sections for b in s.blocks if hasattr(b, "text"))


@pytest.mark.parametrize(
    ("lang", "wording"),
    [
        ("en", "No request for technical assistance was received, decided or delivered between"),
        ("fr", "Aucune demande d’assistance technique n’a été reçue, tranchée ou exécutée entre le"),
    ],
)
def test_a_period_with_no_data_says_so_instead_of_leaving_sections_empty(mini, lang, wording):
    document = builder.build_document(
        resolution=mini, start=dt.date(1990, 1, 1), end=dt.date(1990, 12, 31), language=lang, on=dt.date(1991, 1, 5)
    )
    assert wording in texts(document)
    assert all(section.blocks for section in document.sections)
    assert document.figures["requests_received"] == 0
    assert document.figures["annex_rows"] == 3


def test_requests_outside_the_period_are_not_counted(mini):
    f.request_in(country="MLI", groups=",LDC,", submitted=dt.date(2006, 1, 1))
    f.request_in(country="MLI", groups=",LDC,", submitted=dt.date(2006, 1, 2))
    f.request_in(country="MLI", groups=",LDC,", submitted=dt.date(2005, 12, 31))
    document = builder.build_document(
        resolution=mini, start=dt.date(2006, 1, 1), end=dt.date(2006, 1, 1), language="en", on=dt.date(2006, 2, 1)
    )
    assert document.figures["requests_received"] == 1  # the period's last day is included, the day before is not


def test_the_mandate_status_is_the_one_at_the_end_of_the_period(mini):
    from tcdesk.mandates.models import MandateEvent
    from tcdesk.mandates.services import mandate_status_change

    mandate = mini.mandates.order_by("order").first()
    mandate_status_change(mandate=mandate, to_status="delivered", user=None)
    MandateEvent.objects.filter(mandate=mandate, kind="status").update(at=f.at(dt.date(2006, 3, 1)))
    before = builder.build_document(resolution=mini, start=dt.date(2006, 1, 1), end=dt.date(2006, 2, 28), language="en")
    after = builder.build_document(resolution=mini, start=dt.date(2006, 1, 1), end=dt.date(2006, 3, 1), language="en")
    assert before.figures["mandates_delivered"] == 0
    assert after.figures["mandates_delivered"] == 1


def test_a_section_whose_source_app_is_missing_is_not_offered(monkeypatch):
    offered = [spec.key for spec in sections.available()]
    assert offered[:3] == ["introduction", "assistance", "treaties"] and offered[-2:] == ["conclusions", "annex"]
    real = sections.importlib.util.find_spec
    monkeypatch.setattr(
        sections.importlib.util,
        "find_spec",
        lambda name, *a: None if name.startswith("tcdesk.treaties") else real(name, *a),
    )
    assert "treaties" not in [spec.key for spec in sections.available()]


@pytest.mark.parametrize(
    ("start", "end", "lang", "field"),
    [
        (dt.date(2006, 6, 30), dt.date(2006, 1, 1), "en", "period_end"),
        (None, dt.date(2006, 1, 1), "en", "period_start"),
        (dt.date(2006, 1, 1), dt.date(2006, 6, 30), "de", "language"),
    ],
)
def test_bad_inputs_name_the_field_and_the_rule(mini, start, end, lang, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        builder.build_document(resolution=mini, start=start, end=end, language=lang)
    assert field in caught.value.message_dict


def test_numbers_dates_and_sessions_are_written_the_way_each_language_writes_them():
    assert formatting.number(1234567, "en") == "1,234,567"
    assert formatting.number(1234567, "fr") == "1\u202f234\u202f567"
    assert formatting.percent(42.5, "fr") == "42,5\u00a0%"
    assert formatting.money(Decimal("1250000.40"), "USD", "en") == "USD\u00a01,250,000"
    assert formatting.date(dt.date(2006, 6, 1), "fr") == "1er juin 2006"
    assert formatting.date(dt.date(2005, 12, 16), "en") == "16 December 2005"
    assert formatting.ordinal_words(61, "en") == "sixty-first"
    assert formatting.ordinal_words(61, "fr") == "soixante et unième"
    assert formatting.ordinal_words(80, "fr") == "quatre-vingtième"
    assert formatting.ordinal_words(75, "fr") == "soixante-quinzième"
    assert formatting.ordinal_words(92, "en") == "ninety-second"


def test_spanish_numbers_dates_and_sessions_follow_united_nations_spanish_usage():
    assert formatting.number(1234567, "es") == "1.234.567"
    assert formatting.percent(42.5, "es") == "42,5\u00a0%"
    assert formatting.money(Decimal("1250000.40"), "USD", "es") == "1.250.000\u00a0USD"
    assert formatting.date(dt.date(2005, 12, 16), "es") == "16 de diciembre de 2005"
    assert formatting.date(dt.date(2006, 6, 1), "es") == "1 de junio de 2006"
    # Sessions are named with the shortened masculine ordinal: "sexagésimo primer período de sesiones".
    assert formatting.ordinal_words(61, "es") == "sexagésimo primer"
    assert formatting.ordinal_words(1, "es") == "primer"
    assert formatting.ordinal_words(11, "es") == "undécimo"
    assert formatting.ordinal_words(13, "es") == "decimotercer"
    assert formatting.ordinal_words(18, "es") == "decimoctavo"
    assert formatting.ordinal_words(80, "es") == "octogésimo"
    assert formatting.ordinal_words(99, "es") == "nonagésimo noveno"
    assert formatting.ordinal_words(100, "es") == "100.º"


def test_the_resources_section_states_the_contributions_of_the_ledger(mini):
    from tcdesk.funds import services as funds
    from tcdesk.funds.models import Receipt
    from tcdesk.funds.tests import factories as money

    money.rates()
    money.fund("CPCJF")
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("250000"),
        currency="USD",
        received_on=dt.date(2026, 3, 10),
        reference="R-1",
    )
    funds.receipt_record(
        actor=None,
        fund="CPCJF",
        donor="DEU",
        amount=Decimal("1000000"),
        currency="USD",
        received_on=dt.date(2025, 12, 31),
        reference="R-0",
    )
    funds.pledge_record(
        actor=None,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("400000"),
        currency="USD",
        pledged_on=dt.date(2026, 1, 15),
        reference="P-1",
    )
    expected = sum(r.usd_amount for r in Receipt.objects.filter(received_on__year=2026))
    for lang, words in (("en", "USD\u00a0250,000 from 1 donor"), ("fr", "250\u202f000\u00a0USD")):
        document = builder.build_document(
            resolution=mini, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), language=lang
        )
        assert document.figures["contributions_usd"] == expected == Decimal("250000")
        assert words in texts(document)
        table = document.table("contributions_by_donor")
        assert table is not None and len(table.rows) == 2  # one donor and the total
        pledged = document.table("pledged_paid")
        assert pledged is not None and [row[0] for row in pledged.rows] == ["2026"]  # calendar years of the period
    assert pledged.rows[0][1:] == ("400 000", "250 000", "62,5 %")


def test_a_period_without_money_says_so(mini):
    document = builder.build_document(
        resolution=mini, start=dt.date(1990, 1, 1), end=dt.date(1990, 12, 31), language="fr"
    )
    assert "Aucune contribution n’a été reçue" in texts(document)


def test_the_annex_shows_the_money_spent_on_requests_citing_each_paragraph(mini, finance):
    from tcdesk.assistance.models import RequestMandateLink
    from tcdesk.funds import services as funds
    from tcdesk.funds.models import Expenditure
    from tcdesk.funds.tests import factories as money

    money.rates()
    money.fund("CPCJF")
    funds.receipt_record(
        actor=finance,
        fund="CPCJF",
        donor="NOR",
        amount=Decimal("100000"),
        currency="USD",
        received_on=dt.date(2026, 3, 10),
        reference="R-1",
    )
    ta_request = money.accepted_request()
    mandate = mini.mandates.filter(paragraph_number=3).first()
    RequestMandateLink.objects.create(request=ta_request, symbol=mini.symbol, paragraph="3", mandate=mandate)
    allocation = funds.allocation_create(
        actor=finance,
        fund="CPCJF",
        earmark=None,
        amount=Decimal("40000"),
        currency="USD",
        request=ta_request.pk,
        idempotency_key="A-1",
    )
    funds.expenditure_record(
        actor=finance,
        allocation=allocation.pk,
        amount=Decimal("10000"),
        currency="USD",
        spent_on=dt.date(2026, 4, 1),
        reference="E-1",
    )
    spent = sum(e.usd_amount for e in Expenditure.objects.all())
    document = builder.build_document(
        resolution=mini, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), language="en"
    )
    annex = document.table("annex")
    assert annex is not None and annex.header[-1] == "Spent (USD)"
    by_number = {row[0]: row[-1] for row in annex.rows}
    assert by_number == {"1": "0", "2": "0", "3": f"{int(spent):,}"}
    assert document.figures["annex_spent_usd"] == spent
