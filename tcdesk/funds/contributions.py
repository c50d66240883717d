"""What the funds app adds to the extension points of the apps below it (see `AppConfig.ready`)."""

from __future__ import annotations


def register() -> None:
    return None
