"""The compiled parser (mypyc, ``parsing/native.py``): used only when built from the current sources,
and reading every text as the interpreted modules do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk.mandates.parsing import PARSER_MODE, native
from tcdesk.mandates.tests import test_parsing_variants as variants

# The parser is plain Python: its outcome does not depend on the database (one CI pass, conftest.py).
pytestmark = pytest.mark.ci_pass("sqlite")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A package folder with one compiled module and the modules left interpreted."""
    folder = tmp_path / "parsing"
    folder.mkdir()
    (folder / "layout.py").write_text("LINES = 1\n", encoding="utf-8")
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "native.py").write_text("", encoding="utf-8")
    return folder


def _record_build(modules: Path, package: Path) -> None:
    modules.mkdir(exist_ok=True)
    (modules / native.DIGEST_FILE).write_text(native.sources_digest(package) + "\n", encoding="ascii")


def test_a_build_of_the_current_sources_is_used(package, tmp_path, monkeypatch):
    monkeypatch.delenv("TCDESK_PARSER", raising=False)
    _record_build(tmp_path / "modules", package)
    assert native.build_is_current(tmp_path / "modules", package) is None


def test_a_build_older_than_an_edited_module_is_not_used(package, tmp_path, monkeypatch):
    monkeypatch.delenv("TCDESK_PARSER", raising=False)
    _record_build(tmp_path / "modules", package)
    (package / "layout.py").write_text("LINES = 2\n", encoding="utf-8")
    assert "older than the sources" in native.build_is_current(tmp_path / "modules", package)


def test_a_new_module_makes_the_build_stale_but_the_loader_itself_does_not(package, tmp_path, monkeypatch):
    monkeypatch.delenv("TCDESK_PARSER", raising=False)
    _record_build(tmp_path / "modules", package)
    (package / "native.py").write_text("# the loader is never compiled\n", encoding="utf-8")
    assert native.build_is_current(tmp_path / "modules", package) is None
    (package / "segmenting.py").write_text("", encoding="utf-8")
    assert native.build_is_current(tmp_path / "modules", package) is not None


def test_without_a_build_the_interpreted_modules_are_used(package, tmp_path, monkeypatch):
    monkeypatch.delenv("TCDESK_PARSER", raising=False)
    assert "no compiled build" in native.build_is_current(tmp_path / "absent", package)


def test_the_interpreted_modules_can_be_asked_for(package, tmp_path, monkeypatch):
    _record_build(tmp_path / "modules", package)
    monkeypatch.setenv("TCDESK_PARSER", "interpreted")
    assert native.build_is_current(tmp_path / "modules", package) == "TCDESK_PARSER=interpreted"


def test_the_loader_and_the_modules_off_the_hot_path_are_not_compiled():
    compiled = {path.stem for path in native.compiled_sources()}
    assert {"parser", "layout", "segmenting", "assembly"} <= compiled
    assert not compiled & {"__init__", "native", "decoding", "corrections", "scoring"}


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI builds the compiled parser; here it may be absent")
def test_ci_tests_the_compiled_parser_that_the_app_runs():
    assert PARSER_MODE == "compiled"


def _readings(names: list[str]) -> dict[str, str]:
    """Every corpus text and every extraction variant of it, read whole (JSON per document)."""
    return native.readings(
        (f"{name}|{variant.__name__ if variant else 'as given'}", name, variant(text, name) if variant else text)
        for name, text in ((name, variants.TEXTS[name]) for name in names)
        for variant in [None, *variants.VARIANTS]
    )


@pytest.mark.skipif(PARSER_MODE != "compiled", reason=f"the parser is {PARSER_MODE}")
def test_the_compiled_parser_reads_every_variant_as_the_interpreted_one():
    names = sorted(variants.TEXTS)
    script = (
        "import json, sys\n"
        "from tcdesk.mandates.parsing import PARSER_MODE\n"
        "from tcdesk.mandates.tests.test_parsing_native import _readings\n"
        "assert PARSER_MODE.startswith('interpreted'), PARSER_MODE\n"
        "print(json.dumps(_readings(json.loads(sys.argv[1]))))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, json.dumps(names)],
        env={**os.environ, "TCDESK_PARSER": "interpreted"},
        capture_output=True,
        text=True,
        check=True,
    )
    interpreted = json.loads(run.stdout)
    compiled = _readings(names)
    assert compiled.keys() == interpreted.keys()
    assert [key for key in compiled if compiled[key] != interpreted[key]] == []
