"""The official IATI 2.03 XML schemas, vendored in `schemas/2.03/`, and validation against them.

Each schema is compiled once per thread: compiling takes a few tens of milliseconds, and an lxml
`XMLSchema` keeps the error log of its last run, so two threads must not share one.

Both document types allow only `iati-activity` (or `iati-organisation`) elements and elements of
other namespaces under the root, so a document is valid exactly when its root is (attributes,
children, no text: checked by the reader) and each activity is on its own. `validate_element`
checks one activity at a time, which is how the reader validates files of any size in constant
memory (and the writer each activity before writing it); `validate_document` checks a
whole tree at once, for small files and for tests.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Literal

from lxml import etree

from tcdesk.portfolio.iati.errors import IatiIssue

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "2.03"
SCHEMA_FILES = {
    "activities": SCHEMA_DIR / "iati-activities-schema.xsd",
    "organisations": SCHEMA_DIR / "iati-organisations-schema.xsd",
}
DocumentKind = Literal["activities", "organisations"]

_compiled = threading.local()


def get_schema(kind: DocumentKind) -> etree.XMLSchema:
    """The compiled schema for `iati-activities` or `iati-organisations` documents (this thread's copy)."""
    cache = getattr(_compiled, "schemas", None)
    if cache is None:
        cache = _compiled.schemas = {}
    schema = cache.get(kind)
    if schema is None:
        # The schemas import xml.xsd by relative path: parse from the file so that it resolves there.
        schema = cache[kind] = etree.XMLSchema(etree.parse(str(SCHEMA_FILES[kind])))
    return schema


def _issues(schema: etree.XMLSchema, identifier: str | None) -> list[IatiIssue]:
    return [
        IatiIssue(
            message=error.message,
            kind="schema",
            line=error.line or None,
            identifier=identifier,
            params={"detail": error.message, "path": error.path},
        )
        for error in schema.error_log
    ]


def validate_element(element: etree._Element, kind: DocumentKind, *, identifier: str | None = None) -> list[IatiIssue]:
    """Schema problems of one `iati-activity` or `iati-organisation` element (empty when valid)."""
    schema = get_schema(kind)
    try:
        if schema.validate(element):
            return []
    except etree.XMLSchemaValidateError as error:
        # libxml2 gives up on nodes it cannot validate, e.g. a reference to an external entity left unresolved.
        return [
            IatiIssue(
                message=f"the element cannot be validated: {error}",
                kind="schema",
                line=element.sourceline,
                identifier=identifier,
                params={"detail": str(error)},
            )
        ]
    return _issues(schema, identifier)


def validate_document(document: etree._ElementTree | etree._Element, kind: DocumentKind) -> list[IatiIssue]:
    """Schema problems of a whole parsed document, with their lines (empty when valid)."""
    schema = get_schema(kind)
    if schema.validate(document):
        return []
    return _issues(schema, None)
