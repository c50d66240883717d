"""Objects the role test (tests/test_permissions.py) needs for the open-data URLs: dates, an instrument,
a country and the download formats (the pages are public: every role, anonymous included, reads them)."""

from __future__ import annotations

import datetime as dt

from tcdesk.treaties.models import Instrument

DAY = dt.date(2020, 1, 1)


def samples(base: dict) -> dict:
    instrument = Instrument.objects.get(code="UNTOC")
    country = base["country"]
    return {
        "pages": {
            "opendata:language": ({"code": "fr"}, None),
            "opendata:treaties": ({"as_of": DAY}, None),
            "opendata:treaties_download": ({"as_of": DAY, "fmt": "csv"}, None),
            "opendata:instrument_today": ({"code": instrument.code}, None),
            "opendata:instrument": ({"as_of": DAY, "code": instrument.code}, None),
            "opendata:instrument_download": ({"as_of": DAY, "code": instrument.code, "fmt": "json"}, None),
            "opendata:country_today": ({"iso3": country.iso3}, None),
            "opendata:country": ({"iso3": country.iso3, "as_of": DAY}, None),
            "opendata:country_download": ({"iso3": country.iso3, "as_of": DAY, "fmt": "csv"}, None),
            "opendata:funding_download": ({"table": "flows", "fmt": "csv"}, None),
            "opendata:delivery_download": ({"table": "projects", "fmt": "csv"}, None),
            "opendata:mandates_download": ({"fmt": "json"}, None),
        },
        "api_by_prefix": {
            ("/api/open/treaties", "code"): (instrument.code, None),
        },
    }
