"""The id of the request being served, for logs and for the X-Request-ID response header. No Django.

A load balancer or client may send its own id (so one id follows a request through every hop); a
malformed or missing one is replaced by a fresh id, so nobody can write arbitrary text into the logs.
"""

from __future__ import annotations

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

current: contextvars.ContextVar[str] = contextvars.ContextVar("tcdesk_request_id", default="-")


def request_id_from(incoming: str | None) -> str:
    """The caller's id when it is short and plain (letters, digits, . _ : -), else a new one."""
    if incoming and _ACCEPTABLE.match(incoming):
        return incoming
    return uuid.uuid4().hex
