"""Public pages under /open/ (no sign-in). Dated URLs keep what they showed; undated ones redirect to today."""

import datetime as dt

from django.urls import path, register_converter

from . import views

app_name = "opendata"


class IsoDateConverter:
    """A YYYY-MM-DD date in a URL (an impossible date is no match: 404)."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> dt.date:
        day = dt.date.fromisoformat(value)
        if not 1800 <= day.year <= 2999:
            raise ValueError(value)
        return day

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.home, name="home"),
    path("language/<str:code>/", views.language, name="language"),
    path("treaties/", views.treaties_today, name="treaties_today"),
    path("treaties/<isodate:as_of>/", views.treaties, name="treaties"),
    path("treaties/<isodate:as_of>/treaties.<str:fmt>", views.treaties_download, name="treaties_download"),
    path("treaties/instrument/<slug:code>/", views.instrument_today, name="instrument_today"),
    path("treaties/<isodate:as_of>/<slug:code>/", views.instrument, name="instrument"),
    path("treaties/<isodate:as_of>/<slug:code>.<str:fmt>", views.instrument_download, name="instrument_download"),
    path("countries/", views.countries, name="countries"),
    path("countries/<str:iso3>/", views.country_today, name="country_today"),
    path("countries/<str:iso3>/<isodate:as_of>/", views.country, name="country"),
    path("countries/<str:iso3>/<isodate:as_of>/country.<str:fmt>", views.country_download, name="country_download"),
    path("funding/", views.funding, name="funding"),
    path("funding/<slug:table>.<str:fmt>", views.funding_download, name="funding_download"),
    path("delivery/", views.delivery, name="delivery"),
    path("delivery/<slug:table>.<str:fmt>", views.delivery_download, name="delivery_download"),
    path("mandates/", views.mandates, name="mandates"),
    path("mandates/mandates.<str:fmt>", views.mandates_download, name="mandates_download"),
    path("iati/", views.iati, name="iati"),
    path("iati/activities.xml", views.iati_activities, name="iati_activities"),
    path("iati/organisation.xml", views.iati_organisation, name="iati_organisation"),
]
