"""Spanish throughout: every app has a complete, compiled Spanish catalog, and pages in Spanish show no
English interface string.

The catalogs are checked against their compiled .mo files (tests/english.py reads them, and holds the
English-string detector the site crawl uses too).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tcdesk.assistance.tests.factories import AssistanceRequestFactory
from tests.english import (
    FRENCH_CATALOGS,
    PACKAGE,
    SPANISH_CATALOGS,
    compiled_translations,
    english_interface_strings,
    english_on,
    po_entries,
)

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def test_every_app_with_a_french_catalog_has_a_spanish_one():
    french = {path.parent.parent.parent for path in FRENCH_CATALOGS}
    spanish = {path.parent.parent.parent for path in SPANISH_CATALOGS}
    assert french and french <= spanish, sorted(str(p) for p in french - spanish)
    assert ("es", "Spanish") in [(code, str(name)) for code, name in settings.LANGUAGES]


@pytest.mark.parametrize("catalog", SPANISH_CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_spanish_catalog_is_complete_and_compiled(catalog):
    compiled = compiled_translations(catalog)
    assert compiled.get("", "").find("Plural-Forms: nplurals=2; plural=(n != 1);") >= 0
    problems = []
    for entry in po_entries(catalog):
        msgid = entry["msgid"]
        lookup = f"{entry['msgctxt']}\x04{msgid}" if "msgctxt" in entry else msgid
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {msgid!r}")
        if "msgid_plural" in entry:
            forms = [compiled.get((lookup, n), "") for n in (0, 1)]
            sources = [msgid, entry["msgid_plural"]]
        else:
            forms, sources = [compiled.get(lookup, "")], [msgid]
        if not all(forms):
            problems.append(f"untranslated or not compiled: {msgid!r}")
            continue
        for n, (source, form) in enumerate(zip(sources, forms, strict=True)):
            wanted, given = set(_PLACEHOLDER.findall(source)), set(_PLACEHOLDER.findall(form))
            # A singular form may say "one" instead of its number; every other placeholder is kept.
            if given - wanted or (wanted - given and not (n == 0 and "msgid_plural" in entry)):
                problems.append(f"placeholders {sorted(wanted)} → {sorted(given)}: {source!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_po_reader_sees_fuzzy_and_untranslated_entries(tmp_path):
    """The checks above would catch a fuzzy or an empty entry (the reader is not blind to them)."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n#, fuzzy\nmsgid "Save"\nmsgstr "Guardar"\n\n'
        'msgctxt "ctx"\nmsgid "Open"\nmsgstr ""\n\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s día"\nmsgstr[1] "%(n)s días"\n\n#~ msgid "Old"\n#~ msgstr "Viejo"\n',
        encoding="utf-8",
    )
    entries = po_entries(po)
    assert [(e["msgid"], e.get("msgctxt"), e["flags"]) for e in entries] == [
        ("Save", None, {"fuzzy"}),
        ("Open", "ctx", set()),
        ("%(n)s day", None, set()),
    ]
    assert entries[1]["msgstr"] == "" and entries[2]["msgid_plural"] == "%(n)s days"


# --- Pages in Spanish -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "change_language"), [("es", "Cambiar de idioma"), ("fr", "Changer de langue")])
def test_pages_in_spanish_or_french_show_no_english_interface_string(
    officer_client, focal_mli_client, secretariat_client, language, change_language
):
    AssistanceRequestFactory(status="submitted", submitted_at=timezone.now() - dt.timedelta(days=3))
    mine = AssistanceRequestFactory(country_id="MLI", status="information_requested")
    english = english_interface_strings(language)
    assert english.get("Change language") == change_language
    pages = {
        officer_client: [
            reverse("core:dashboard"),
            reverse("assistance:request_list"),
            reverse("assistance:request_detail", args=[mine.pk]),
            reverse("assistance:request_create"),
            reverse("treaties:instrument_list"),
            reverse("core:country_list"),
            reverse("accounts:profile"),
        ],
        focal_mli_client: [
            reverse("core:dashboard"),
            reverse("assistance:request_detail", args=[mine.pk]),
            reverse("assistance:request_create"),
        ],
        secretariat_client: [reverse("core:dashboard"), reverse("mandates:mandate_list")],
    }
    found = {}
    for client, urls in pages.items():
        client.cookies["django_language"] = language
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert f'<html lang="{language}">' in body, url
            if leaks := english_on(body, english):
                found[url] = leaks
    assert not found, found


def test_the_english_detector_finds_an_english_string():
    english = {"Change language": "Cambiar de idioma", "Sign out": "Cerrar sesión"}
    body = (
        '<html lang="es"><body><button title="Sign out">x</button><p>Cambiar de idioma</p>'
        '<script>"Sign out"</script><option lang="en">Change language</option></body>'
    )
    assert english_on(body, english) == ["Sign out"]


@pytest.mark.django_db
def test_spanish_chosen_in_the_profile_is_used_for_pages_dates_and_the_switcher(focal_mli_client, focal_mli):
    response = focal_mli_client.post(reverse("accounts:language_set"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    focal_mli.refresh_from_db()
    assert focal_mli.preferred_language == "es"
    request = AssistanceRequestFactory(
        country_id="MLI", status="submitted", submitted_at=dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
    )
    body = focal_mli_client.get(
        reverse("assistance:request_detail", args=[request.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<html lang="es">' in body and "Cerrar sesión" in body and "Ir al contenido" in body
    assert re.search(r'<option value="es" selected lang="es">\s*Español', body)
    assert 'value="fr"' in body and 'value="en"' in body


@pytest.mark.django_db
def test_dates_are_written_out_the_spanish_way(officer_client):
    from django.utils import translation

    from tcdesk.core.templatetags.tcdesk_dates import long_date

    day = dt.date(2026, 3, 5)
    with translation.override("es"):
        assert long_date(day) == "5 de marzo de 2026"
    with translation.override("fr"):
        assert long_date(day) == "5 mars 2026"
    assert long_date(day) == "5 March 2026" and long_date(None) == ""
    officer_client.cookies["django_language"] = "es"
    body = officer_client.get(reverse("treaties:instrument_list")).content.decode()
    assert re.search(r"Estados al \d{1,2} de [a-záéíóú]+ de \d{4}", body), "the lead's date in Spanish"


@pytest.mark.django_db
def test_a_focal_point_who_chose_spanish_gets_e_mails_in_spanish_with_an_absolute_link(
    officer, focal_mli, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tcdesk.assistance.services import request_transition

    focal_mli.preferred_language, focal_mli.email = "es", "focal@example.org"
    focal_mli.save()
    request = AssistanceRequestFactory(country_id="MLI", status="submitted", title="Ley de armas de fuego")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(ta_request=request, actor=officer, action="acknowledge", comment="Recibida, gracias.")
    [message] = [m for m in mail.outbox if m.to == ["focal@example.org"]]
    assert message.subject == f"[tcdesk] {request.reference} Ley de armas de fuego: Acusado recibo"
    assert "Estado: Acusado recibo" in message.body and "Comentario:" in message.body
    assert f"Abrir la solicitud: {settings.TCDESK_SITE_URL}{request.get_absolute_url()}" in message.body
    assert "realizó el paso «Acusar recibo»" in message.body
