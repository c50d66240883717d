"""Structured logs: one JSON object a line, with the request id of the request being served.

Loaded by `LOGGING` in settings before the apps, so this module imports nothing from Django's models.
A formatter this small is not worth a dependency (python-json-logger does the same with more options).
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from . import requestid

# Attributes every LogRecord has; anything else was passed with `extra=` and goes into the object.
# `request` (Django's request loggers pass the request object) is summed up by the message and the id.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id", "taskName", "request"}


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served ("-" outside requests).

    Django logs 4xx/5xx answers after the middleware has returned, with the request attached to the
    record: its id is taken from there.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or requestid.current.get()
        return True


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message", "request_id", ...extra, "exc_info"}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", requestid.current.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
