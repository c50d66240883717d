"""The licence of the published data: CC BY 4.0 unless the administrator sets another.

Set `TCDESK_OPEN_DATA_LICENCE_NAME` and `TCDESK_OPEN_DATA_LICENCE_URL` (environment or settings) to
publish under another licence; every page, file, feed ETag and API answer follows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

DEFAULT_NAME = "CC BY 4.0"
DEFAULT_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Licence:
    name: str
    url: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url}


def current() -> Licence:
    name = getattr(settings, "TCDESK_OPEN_DATA_LICENCE_NAME", None) or os.environ.get(
        "TCDESK_OPEN_DATA_LICENCE_NAME", DEFAULT_NAME
    )
    url = getattr(settings, "TCDESK_OPEN_DATA_LICENCE_URL", None) or os.environ.get(
        "TCDESK_OPEN_DATA_LICENCE_URL", DEFAULT_URL if name == DEFAULT_NAME else ""
    )
    return Licence(name=name, url=url)
