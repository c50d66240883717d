"""After "Confirm and store", the resolution's page says what the load did: what was parsed, what changed
and what still needs review (for those who load resolutions)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tcdesk.mandates.models import Mandate, Resolution, ResolutionDraft

from .conftest import MINI_EN, SEED_BYTES, SEED_NAME

pytestmark = pytest.mark.django_db


def _load(client, name: str, data: bytes, lang: str = "auto") -> Resolution:
    client.post(reverse("mandates:resolution_upload"), {"file": SimpleUploadedFile(name, data), "lang": lang})
    draft = ResolutionDraft.objects.filter(status="open").latest("pk")
    confirmed = client.post(reverse("mandates:resolution_review_confirm", args=[draft.pk]))
    assert confirmed.status_code == 302
    return Resolution.objects.get(pk=ResolutionDraft.objects.get(pk=draft.pk).resolution_id)


def _summary(body: str) -> str:
    match = re.search(r'<section class="load-summary.*?</section>', body, re.S)
    assert match, "no load summary on the page"
    return match.group(0)


def test_a_first_load_lists_what_was_parsed_and_what_needs_recording(secretariat_client, officer_client):
    resolution = _load(secretariat_client, "A-RES-59-159.en.txt", MINI_EN.encode())
    page = secretariat_client.get(resolution.get_absolute_url()).content.decode()
    summary = _summary(page)
    assert "What the last load did" in summary and re.search(
        r"Confirmed by \S.* on \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)", summary
    )
    new = re.search(r"<dt>New mandates</dt><dd>(\d+)</dd>", summary)
    assert new and int(new.group(1)) == Mandate.objects.filter(resolution=resolution).count() > 0
    assert "0 corrections made at review" in summary
    if resolution.adoption_date is None:
        assert "Adoption date" in summary.split("Details to record")[1]
    # Readers who do not load resolutions see the resolution, not the load's bookkeeping.
    assert "load-summary" not in officer_client.get(resolution.get_absolute_url()).content.decode()


def test_a_reload_says_which_mandates_changed_or_left_the_text(secretariat_client, seed):
    # The seed was loaded without a review step: nothing to summarise yet.
    assert "load-summary" not in secretariat_client.get(seed.get_absolute_url()).content.decode()
    gone = seed.mandates.order_by("order").first()
    gone.in_text = False
    gone.save(update_fields=["in_text"])
    resolution = _load(secretariat_client, SEED_NAME, SEED_BYTES, lang="fr")
    assert resolution.pk == seed.pk
    summary = _summary(secretariat_client.get(resolution.get_absolute_url()).content.decode())
    assert re.search(r"<dt>New mandates</dt><dd>0</dd>", summary)
    gone.refresh_from_db()
    if not gone.in_text:  # the re-load may find the paragraph again, which puts it back in the text
        assert gone.get_absolute_url() in summary.split("Mandates no longer in the text")[1]


def test_the_summary_is_in_spanish_for_a_spanish_page(secretariat_client):
    resolution = _load(secretariat_client, "A-RES-59-159.en.txt", MINI_EN.encode())
    secretariat_client.cookies["django_language"] = "es"
    summary = _summary(secretariat_client.get(resolution.get_absolute_url()).content.decode())
    assert "Lo que hizo la última carga" in summary and "Mandatos nuevos" in summary
