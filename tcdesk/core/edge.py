"""Input hygiene at the edge: what no view of any app should ever see, refused once, before routing.

Every app (those built and those to come) gets these rules without doing anything:

- **Control characters** (NUL and the C0/C1 controls other than tab, newline and carriage return) in
  a path, a query parameter, a form field or any string or key of a JSON body: 422 on the API naming
  the place (`["query", "search"]`, `["body", "items", 0, "name"]`), 400 on pages. PostgreSQL cannot
  store NUL in text, and nothing a person types contains the others.
- **Numbers**: an integer beyond a 64-bit column (in a path segment: 404, the object cannot exist; in
  a query or a body: 422); a `page` past `MAX_PAGE` (422; a page past the end of a list is empty or 404
  as the pagination decides).
- **Dates**: an ISO date (or date-time) in a query or a JSON body outside the years `DATE_YEARS` (422):
  year 1 or 9999 makes date arithmetic overflow, and no record of this programme is dated there.
- **Text length**: any one string in a query, an API body (JSON or form) or a page's form (plain or
  multipart: the text parts of a form that carries a file) longer than `TCDESK_MAX_TEXT_CHARS` (20,000
  by default, the longest field any app keeps) is a 422 naming the place; on pages, a 400 page in the
  reader's language that names the field and the rule, with a link back to the form. Nothing a person
  types is longer, and a megabyte "comment" would slow every page that shows it. Fields keep their own,
  shorter limits in their forms, schemas and services (`tcdesk.core.limits`).
- **Values the database refuses** (PostgreSQL's "value too long for type character varying(…)", a
  number out of a column's range): 422 on the API, 400 on pages, never a server error — a field whose
  own limit was forgotten still fails safely.
- **JSON bodies**: an API body sent as JSON is an object (a string, `null`, a number or a list is a
  422); nesting deeper than `MAX_JSON_DEPTH` is a 422 (the parsers would recurse until they fail).
- **Body size**: a body whose declared length exceeds `TCDESK_MAX_UPLOAD_BYTES` (plus room for the
  form around the file) is refused with 413 before anything reads it, anonymous or not; bodies sent
  without a length are stopped by `tcdesk.core.uploads.BudgetUploadHandler` as they arrive.
- **API 404s are JSON**: a path under `/api/` that no endpoint matches (`/api/requests/-1`) answers
  `{"detail": "Not found."}` like a missing object does.

The rules are deliberately generic: an endpoint that needs more (a field's length, a file's type) still
checks it in its service. See docs/architecture.md ("Input hygiene and budgets").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
MAX_PAGE = 1_000_000
MAX_JSON_DEPTH = 32
DATE_YEARS = (1800, 2999)
# Room for the multipart envelope and the other fields of a form that carries one file.
UPLOAD_ENVELOPE_BYTES = 1024 * 1024

# C0 controls except \t \n \r, DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A whole document's text may hold page breaks: text extracted from a PDF separates its pages with form feeds.
_DOCUMENT_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_INTEGER = re.compile(r"^[+-]?\d+$")
_ISO_DATE = re.compile(r"^(\d{4,})-\d{2}-\d{2}(?:$|[T ])")

Loc = list[str | int]


class Refusal(Exception):
    """One piece of input refused: where it is and why."""

    def __init__(self, loc: Loc, message: str, *, status: int = 422) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
        self.status = status


def max_request_bytes() -> int:
    """The largest body any request may declare: one upload and its form."""
    return int(getattr(settings, "TCDESK_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)) + UPLOAD_ENVELOPE_BYTES


def max_text_chars() -> int:
    """The longest single text any request may carry (TCDESK_MAX_TEXT_CHARS)."""
    return int(getattr(settings, "TCDESK_MAX_TEXT_CHARS", 20_000))


def check_text(value: str, loc: Loc, *, document: bool = False) -> None:
    if (_DOCUMENT_CONTROL_CHARACTERS if document else CONTROL_CHARACTERS).search(value):
        raise Refusal(loc, _("Control characters (such as NUL) are not allowed."))


def check_length(value: str, loc: Loc) -> None:
    limit = max_text_chars()
    if len(value) > limit:
        raise Refusal(
            loc, _("A text may be at most %(max)s characters (this one has %(n)s).") % {"max": limit, "n": len(value)}
        )


def check_scalar_text(value: str, loc: Loc, *, integers: bool = True, limit: bool = True) -> None:
    """A query or body string: no control characters, not too long, integers within 64 bits, dates within
    DATE_YEARS. Without the length limit (an endpoint that takes whole documents) page breaks are allowed."""
    check_text(value, loc, document=not limit)
    if limit:
        check_length(value, loc)
    if integers and _INTEGER.match(value.strip()):
        check_integer(int(value), loc)
    date = _ISO_DATE.match(value)
    if date:
        check_year(int(date.group(1)), loc)


def check_integer(value: int, loc: Loc) -> None:
    if not INT64_MIN <= value <= INT64_MAX:
        raise Refusal(loc, _("The number is out of range."))


def check_year(year: int, loc: Loc) -> None:
    low, high = DATE_YEARS
    if not low <= year <= high:
        raise Refusal(loc, _("Dates must be between the years %(low)s and %(high)s.") % {"low": low, "high": high})


def check_query(request: HttpRequest, *, api: bool) -> None:
    for key, values in request.GET.lists():
        check_text(key, ["query", key])
        for value in values:
            if api:
                check_scalar_text(value, ["query", key])
            else:
                check_text(value, ["query", key])
                check_length(value, ["query", key])
                if _INTEGER.match(value.strip()):
                    check_integer(int(value), ["query", key])
            if key == "page" and _INTEGER.match(value.strip()) and int(value) > MAX_PAGE:
                raise Refusal(["query", "page"], _("The page number must be at most %(max)s.") % {"max": MAX_PAGE})


def check_path(request: HttpRequest, *, api: bool) -> None:
    check_text(request.path, ["path"])
    for segment in request.path.split("/"):
        if segment.isdigit() and int(segment) > INT64_MAX:
            raise Refusal(["path"], _("Not found."), status=404)


def check_json_body(data: Any, *, long_text: bool = False) -> None:
    """An API JSON body: an object, not too deep, every string and key clean (iteratively: no recursion);
    no string past the text limit unless the endpoint takes whole documents (`long_text`)."""
    if not isinstance(data, dict):
        raise Refusal(["body"], _("The body must be a JSON object."))
    for loc, value, depth in _walk(data):
        if depth > MAX_JSON_DEPTH:
            raise Refusal(
                ["body"], _("The body is nested too deeply (at most %(max)s levels).") % {"max": MAX_JSON_DEPTH}
            )
        if isinstance(value, str):
            check_scalar_text(value, loc, integers=False, limit=not long_text)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            check_integer(value, loc)


def _walk(data: Any) -> Iterator[tuple[Loc, Any, int]]:
    stack: list[tuple[Loc, Any, int]] = [(["body"], data, 0)]
    while stack:
        loc, value, depth = stack.pop()
        yield loc, value, depth
        if isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                check_text(key, [*loc, key])
                stack.append(([*loc, key], item, depth + 1))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append(([*loc, index], value[index], depth + 1))


def _takes_documents(path: str) -> bool:
    from .extensions import long_text_paths

    return any(path.startswith(prefix) for prefix in long_text_paths)


def check_api_body(request: HttpRequest) -> None:
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        if not body.strip():
            return
        try:
            data = json.loads(body)
        except RecursionError:
            raise Refusal(
                ["body"], _("The body is nested too deeply (at most %(max)s levels).") % {"max": MAX_JSON_DEPTH}
            ) from None
        except ValueError:
            raise Refusal(["body"], _("The body is not valid JSON.")) from None
        check_json_body(data, long_text=_takes_documents(request.path))
    elif content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for key, values in request.POST.lists():
            check_text(key, ["form", key])
            for value in values:
                check_scalar_text(value, ["form", key], integers=False)


PAGE_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def check_page_form(request: HttpRequest) -> None:
    """A page's form, plain or multipart: no text field longer than the text limit.

    Reading `request.POST` of a multipart body parses it once for the whole request (the view gets the
    same parsed form): the files go through FILE_UPLOAD_HANDLERS, where `BudgetUploadHandler` stops
    a body past the upload budget before anything is spooled and large files go to disk, not memory;
    only the text parts are looked at here."""
    if request.method == "POST" and request.content_type in PAGE_FORM_TYPES:
        for key, values in request.POST.lists():
            for value in values:
                check_length(value, ["form", key])


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class InputHygieneMiddleware:
    """Applies the rules above to every request (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        if api:
            refused = self.check(request, api=True)
        else:
            # Pages answer in the reader's language (the locale middleware has not run yet).
            with translation.override(translation.get_language_from_request(request)):
                refused = self.check(request, api=False)
        if refused is not None:
            return refused
        response = self.get_response(request)
        if api and response.status_code == 404 and not response.get("Content-Type", "").startswith("application/json"):
            # No endpoint matched (an id that is not a number, a path that does not exist).
            return JsonResponse({"detail": _("Not found.")}, status=404)
        return response

    @staticmethod
    def check(request: HttpRequest, *, api: bool) -> HttpResponse | None:
        """The refusal of the request, or None when every rule holds."""
        if _declared_length(request) > max_request_bytes():
            return _too_large(api, request)
        try:
            check_path(request, api=api)
            check_query(request, api=api)
            if api:
                check_api_body(request)
            else:
                check_page_form(request)
        except Refusal as refusal:
            return _refused(refusal, api=api, request=request)
        except RequestDataTooBig:
            return _too_large(api, request)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A page whose write the database refused as a duplicate or an overlap (a concurrent save):
        409 with a message instead of a server error; a value the database cannot store: 400."""
        from .api_errors import conflict_message, data_error_message

        if isinstance(exception, IntegrityError):
            return HttpResponse(conflict_message(), status=409, content_type="text/plain; charset=utf-8")
        if isinstance(exception, DataError):
            return HttpResponseBadRequest(data_error_message(), content_type="text/plain; charset=utf-8")
        return None


def _refused(refusal: Refusal, *, api: bool, request: HttpRequest) -> HttpResponse:
    if api:
        if refusal.status == 404:
            return JsonResponse({"detail": _("Not found.")}, status=404)
        return JsonResponse({"detail": [{"loc": refusal.loc, "msg": refusal.message}]}, status=refusal.status)
    if refusal.status == 404:
        return HttpResponseNotFound(refusal.message, content_type="text/plain; charset=utf-8")
    field = str(refusal.loc[1]) if len(refusal.loc) > 1 and refusal.loc[0] in ("form", "query") else None
    return refusal_page(request, refusal.message, field=field)


def _too_large(api: bool, request: HttpRequest) -> HttpResponse:
    message = _("The request is too large (at most %(mb)s MB).") % {"mb": max_request_bytes() // (1024 * 1024)}
    if api:
        return JsonResponse({"detail": message}, status=413)
    return refusal_page(request, message, status=413)


def refusal_page(request: HttpRequest, message: str, *, field: str | None = None, status: int = 400) -> HttpResponse:
    """A small page saying what was refused (the field and its rule) with a link back to the form.

    It stands alone (no navigation, no signed-in user): it is answered before sessions and sign-in run,
    so that nothing of the refused input is read further."""
    context = {"message": message, "field": field, "back": _back_link(request)}
    return HttpResponse(render_to_string("core/refused.html", context), status=status)


def _back_link(request: HttpRequest) -> str:
    """The page the form was on (the Referer, when it is this site), else the address it was sent to."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a host outside ALLOWED_HOSTS: Django refuses it later; no link to it
        return "/"
    for link in (referer, request.path):
        safe = url_has_allowed_host_and_scheme(link, allowed_hosts={host}, require_https=request.is_secure())
        if link and safe and not CONTROL_CHARACTERS.search(link):
            return link
    return "/"  # the path itself was refused (a NUL in it): the home page
