"""What every status-table parser returns: normalised rows, row problems, and the errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

FormatName = Literal["untc_xml", "html", "text", "csv"]

SIGNATURE = "signature"
SUCCESSION_TO_SIGNATURE = "succession_to_signature"
RATIFICATION = "ratification"
ACCESSION = "accession"
ACCEPTANCE = "acceptance"
APPROVAL = "approval"
SUCCESSION = "succession"
FORMAL_CONFIRMATION = "formal_confirmation"
DEFINITIVE_SIGNATURE = "definitive_signature"
DENUNCIATION = "denunciation"
WITHDRAWAL = "withdrawal"

SIGNATURE_ACTIONS = frozenset({SIGNATURE, SUCCESSION_TO_SIGNATURE})
CONSENT_ACTIONS = frozenset(
    {RATIFICATION, ACCESSION, ACCEPTANCE, APPROVAL, SUCCESSION, FORMAL_CONFIRMATION, DEFINITIVE_SIGNATURE}
)
EXIT_ACTIONS = frozenset({DENUNCIATION, WITHDRAWAL})
ACTIONS = SIGNATURE_ACTIONS | CONSENT_ACTIONS | EXIT_ACTIONS


class StatusFormatError(ValueError):
    """The file as a whole cannot be read (undecodable, or not a status table we know).

    The message is plain English; `kind` (a stable machine name) and `params` (JSON values) let the
    Django layer show it in the user's language.
    """

    def __init__(self, message: str, kind: str = "unreadable", params: dict | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = dict(params or {})


@dataclass(frozen=True)
class StatusRow:
    """One treaty action read from a status table.

    `row_number` points into the file the user sees: for text and CSV it is the 1-based number of
    the data row (header, comment and blank lines not counted); for XML and HTML it is the 1-based
    index of the row in the participants table body. A table row holding both a signature and a
    ratification gives two StatusRows with the same row_number.
    """

    row_number: int
    participant: str
    footnotes: list[str]
    action: str
    date: date
    raw: str


@dataclass(frozen=True)
class RowProblem:
    """A row (or a cell of it) that could not be read; `rule` says why in plain English.

    `kind` is a stable machine name and `params` its JSON-serialisable values (texts as written,
    column headers, letters), from which the Django layer renders the rule in the user's language.
    """

    row_number: int
    participant: str
    rule: str
    kind: str = "unreadable_row"
    params: dict = field(default_factory=dict, hash=False)


@dataclass
class ParsedStatusTable:
    format: FormatName
    rows: list[StatusRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def participants(self) -> list[str]:
        """Distinct participants as written, in table order."""
        return list(dict.fromkeys(row.participant for row in self.rows))
