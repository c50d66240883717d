"""What goes wrong with IATI files, said in plain English with a stable `kind` and its `params`.

Messages are English; `kind` (a machine name) and `params` (JSON values) let the Django layer say
the same thing in the user's language. `line` is the line in the file (None when unknown, e.g. for
an activity built in memory by the writer).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class IatiIssue:
    """One problem with one activity (or with the file at a place), reported and then passed over."""

    message: str
    kind: str
    line: int | None = None
    identifier: str | None = None  # the iati-identifier of the activity (or organisation) concerned
    params: dict = field(default_factory=dict, hash=False)

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "identifier": self.identifier,
            "kind": self.kind,
            "message": self.message,
            "params": dict(self.params),
        }

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message}"


class IatiFileError(ValueError):
    """The file as a whole cannot be read: not XML, not IATI, not version 2.03, or cut short.

    Kinds: `not_xml`, `empty`, `not_iati`, `wrong_file_type`, `not_2_03`, `malformed`, `truncated`.
    """

    def __init__(self, message: str, *, kind: str, line: int | None = None, params: dict | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.message = message
        self.kind = kind
        self.line = line
        self.params = dict(params or {})

    def as_issue(self) -> IatiIssue:
        return IatiIssue(message=self.message, kind=self.kind, line=self.line, params=self.params)


class IatiExportError(ValueError):
    """An export that did not produce a valid file; nothing was written at the destination."""

    def __init__(self, message: str, *, issues: list[IatiIssue]) -> None:
        details = "; ".join(str(issue) for issue in issues[:5])
        super().__init__(f"{message}: {details}" if details else message)
        self.message = message
        self.issues = issues
