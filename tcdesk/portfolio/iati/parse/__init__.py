"""lxml elements → dataclasses: one `iati-activity` or `iati-organisation` element at a time.

The reader validates an element against the schema before it gets here, so required elements
and attributes are normally present; when validation is switched off (or a value is valid XML
Schema but not a valid IATI code) the parsers raise `RecordProblem` naming the element, its
line and the rule. Publishers' quirks are taken as the schema allows: elements of other
namespaces, comments and elements tcdesk does not model are skipped (their tags, namespaced or
not strings at all, match none of the parsers' comparisons); language codes are lower-cased;
surrounding white space of texts and codes is dropped.
"""

from tcdesk.portfolio.iati.parse.activity import parse_activity
from tcdesk.portfolio.iati.parse.elements import RecordProblem
from tcdesk.portfolio.iati.parse.organisation import parse_organisation

__all__ = ["RecordProblem", "parse_activity", "parse_organisation"]
