"""The permission table is the documentation: docs/permissions.md is generated from the declared rules."""

from pathlib import Path

from tcdesk.core.permission_table import markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"


def test_docs_permissions_md_is_the_current_table():
    assert DOC.read_text(encoding="utf-8") == markdown(), "docs/permissions.md is stale: run `tcdesk permissions_doc`"
