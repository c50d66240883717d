"""Anonymous visitors reading open data: countries and groups, treaty coverage and the status matrix,
the mandate registry. No sign-in; what they read is the same for everyone (and cacheable)."""

from __future__ import annotations

from .base import Scenario

NAME = "visitor"
COUNTRIES = ["MLI", "COL", "UKR", "NGA", "FRA", "BRA", "IND", "KEN", "PER", "VNM"]
INSTRUMENTS = ["UNTOC", "UNCAC", "TIP_PROTOCOL", "ICSANT"]


def user_class() -> type:
    import random

    from locust import HttpUser, between, task

    from .common import Servers, next_user_number

    class Visitor(HttpUser):
        wait_time = between(0.5, 2.0)

        def on_start(self) -> None:
            self.servers = Servers(next_user_number())

        def get(self, path: str, label: str) -> None:
            self.client.get(self.servers.url(path), name=f"{NAME}: {label}")

        @task(3)
        def countries(self) -> None:
            self.get(f"/api/core/countries?page={random.randint(1, 4)}", "countries")

        @task(2)
        def country(self) -> None:
            self.get(f"/api/core/countries/{random.choice(COUNTRIES)}", "country")

        @task(1)
        def groups(self) -> None:
            self.get("/api/core/groups", "groups")

        @task(2)
        def coverage(self) -> None:
            self.get(f"/api/treaties/instruments/{random.choice(INSTRUMENTS)}/coverage", "treaty coverage")

        @task(1)
        def matrix(self) -> None:
            self.get("/api/treaties/matrix", "treaty matrix")

        @task(2)
        def treaty_row(self) -> None:
            self.get(f"/api/treaties/countries/{random.choice(COUNTRIES)}", "a State's treaties")

        @task(2)
        def mandates(self) -> None:
            self.get(f"/api/mandates/mandates?page={random.randint(1, 2)}", "mandates")

    return Visitor


SCENARIO = Scenario(name=NAME, weight=10, user_class=user_class, description=__doc__ or "")
