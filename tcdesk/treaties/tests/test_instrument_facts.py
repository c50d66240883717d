"""Instrument facts corrected after an audit against public sources, and the sources the data cites."""

import datetime as dt
from pathlib import Path

import pytest

from tcdesk.core.csvdata import read_data_file
from tcdesk.treaties.models import Instrument
from tcdesk.treaties.participation import INSTRUMENTS_CSV

pytestmark = pytest.mark.django_db
TREATIES = Path(__file__).resolve().parents[1]
OUTSIDE = "/".join(("..", "shared"))  # internal notes beside the repository, never a source (spelt apart)


def test_the_1972_protocol_was_adopted_on_24_march_and_signed_from_25_march():
    """UNTC VI-17: "adopted on 24 March 1972 by the United Nations Conference ... held at Geneva"."""
    protocol = Instrument.objects.get(untc_ref="VI-17")
    assert (protocol.adopted_on, protocol.opened_for_signature_on) == (dt.date(1972, 3, 24), dt.date(1972, 3, 25))


def test_the_convention_against_cybercrime_is_xviii_16_and_open_to_regional_organisations():
    """UNTC XVIII-16: open to "all States and regional economic integration organizations" (art. 64, 65(1))."""
    cybercrime = Instrument.objects.get(code="CYBERCRIME_CONVENTION")
    assert cybercrime.untc_ref == "XVIII-16" and cybercrime.counts_regional_organisations
    assert "79/243" in cybercrime.notes


def test_the_single_convention_as_amended_is_its_own_instrument():
    amended = Instrument.objects.get(untc_ref="VI-18")
    assert amended.parent_id == "SINGLE_CONVENTION_1961" and amended.entry_into_force_on == dt.date(1975, 8, 8)


def test_data_files_cite_only_public_sources():
    for row in read_data_file(INSTRUMENTS_CSV).rows:
        assert "shared" not in row["source"] and "domain-facts" not in row["notes"], row["code"]
    for path in [INSTRUMENTS_CSV, *(TREATIES / "status_formats").glob("*.py"), *(TREATIES / "data").rglob("*.*")]:
        if path.suffix in (".csv", ".md", ".py", ".xml", ".txt"):
            assert OUTSIDE not in path.read_text(encoding="utf-8", errors="replace"), path
