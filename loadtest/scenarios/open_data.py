"""Anonymous visitors of the open-data pages (/open/): the home page, treaty coverage at a date, an
instrument's page (map and curve), a State's page, funding, delivery and mandates, a CSV download, and
aggregators polling the IATI feed (a full fetch now and then, otherwise If-None-Match answered 304).
No sign-in, no cookie: the public page cache serves repeated pages."""

from __future__ import annotations

from .base import Scenario

NAME = "open_data"
COUNTRIES = ["MLI", "COL", "UKR", "NGA", "FRA", "BRA", "IND", "KEN", "PER", "VNM"]
INSTRUMENTS = ["UNTOC", "UNCAC", "TIP_PROTOCOL", "ICSANT"]
DAYS = ["2010-01-01", "2020-06-30", "2026-01-01"]


def user_class() -> type:
    import random

    from locust import HttpUser, between, task

    from .common import Servers, count, next_user_number

    class OpenDataVisitor(HttpUser):
        wait_time = between(0.5, 2.0)

        def on_start(self) -> None:
            self.servers = Servers(next_user_number())
            self.etag = ""

        def get(self, path: str, label: str) -> None:
            self.client.get(self.servers.url(path), name=f"{NAME}: {label}")

        @task(3)
        def home(self) -> None:
            self.get("/open/", "home")

        @task(2)
        def treaties(self) -> None:
            self.get(f"/open/treaties/{random.choice(DAYS)}/", "treaty coverage")

        @task(2)
        def instrument(self) -> None:
            self.get(f"/open/treaties/{random.choice(DAYS)}/{random.choice(INSTRUMENTS)}/", "an instrument")

        @task(3)
        def country(self) -> None:
            self.get(f"/open/countries/{random.choice(COUNTRIES)}/{random.choice(DAYS)}/", "a State's page")

        @task(2)
        def funding(self) -> None:
            self.get("/open/funding/", "funding")

        @task(2)
        def delivery(self) -> None:
            self.get("/open/delivery/", "delivery")

        @task(1)
        def mandates(self) -> None:
            self.get("/open/mandates/", "mandates")

        @task(1)
        def download(self) -> None:
            self.get("/open/funding/flows.csv", "a CSV file")

        @task(2)
        def iati_feed(self) -> None:
            headers = {"If-None-Match": self.etag} if self.etag and random.random() < 0.8 else {}
            with self.client.get(
                self.servers.url("/open/iati/activities.xml"),
                headers=headers,
                name=f"{NAME}: IATI feed",
                catch_response=True,
            ) as response:
                if response.status_code == 304:
                    count(NAME, "feed not modified")
                    response.success()
                elif response.status_code == 200:
                    self.etag = response.headers.get("ETag", "")
                    count(NAME, "feed fetched")

    return OpenDataVisitor


def report(counters: dict[str, int]) -> str:
    return f"IATI feed: {counters.get('feed fetched', 0)} fetched, {counters.get('feed not modified', 0)} answered 304"


SCENARIO = Scenario(name=NAME, weight=8, user_class=user_class, report=report, description=__doc__ or "")
