"""State focal points submitting requests through the API with a bearer token: a draft, a PDF
attachment, the submission, then their State's list and the request itself."""

from __future__ import annotations

from typing import Any

from .base import Scenario

NAME = "focal_point"


def prepare() -> dict[str, Any]:
    from tcdesk.accounts.models import User
    from tcdesk.accounts.services import api_token_issue

    points = []
    for user in User.objects.filter(username__startswith="focal-", is_active=True).order_by("username")[:6]:
        _token, raw = api_token_issue(username=user.username, password="demo", name="load test")
        points.append({"username": user.username, "country": user.username.removeprefix("focal-"), "token": raw})
    if not points:
        raise RuntimeError("no focal-<ISO3> demo accounts: load the demo first")
    return {"focal_points": points}


# A small, valid PDF (the upload check reads the type from the content).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    + (b"% load-test attachment padding\n" * 600)
    + b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def user_class() -> type:
    import random

    from locust import HttpUser, between, task

    from .common import Servers, count, data, next_user_number

    prepared = data()["scenarios"][NAME]["focal_points"]

    class FocalPoint(HttpUser):
        wait_time = between(1.0, 3.0)

        def on_start(self) -> None:
            number = next_user_number()
            self.servers = Servers(number)
            me = prepared[number % len(prepared)]
            self.country = me["country"]
            self.auth = {"Authorization": f"Bearer {me['token']}"}

        @task(2)
        def submit_a_request(self) -> None:
            created = self.client.post(
                self.servers.url("/api/requests"),
                json={
                    "country": self.country,
                    "title": f"Load test: training of prosecutors ({random.randint(1, 10**6)})",
                    "requesting_authority": "Ministry of Justice",
                    "description": "Synthetic request made by the load test: training on mutual legal assistance.",
                    "assistance_types": ["training_prosecutors"],
                    "themes": ["organized_crime"],
                    "submit": False,
                },
                headers=self.auth,
                name=f"{NAME}: draft",
            )
            if created.status_code != 201:
                return
            request = created.json()
            attached = self.client.post(
                self.servers.url(f"/api/requests/{request['id']}/attachments"),
                files={"file": ("workplan.pdf", PDF, "application/pdf")},
                headers=self.auth,
                name=f"{NAME}: attachment",
            )
            if attached.status_code != 201:
                return
            submitted = self.client.post(
                self.servers.url(f"/api/requests/{request['id']}/transitions"),
                json={"action": "submit", "expected_version": request["version"]},
                headers=self.auth,
                name=f"{NAME}: submit",
            )
            if submitted.status_code == 200:
                count(NAME, "submitted")

        @task(3)
        def own_requests(self) -> None:
            self.client.get(self.servers.url("/api/requests?page=1"), headers=self.auth, name=f"{NAME}: our requests")

        @task(1)
        def treaty_row(self) -> None:
            self.client.get(
                self.servers.url(f"/api/treaties/countries/{self.country}"),
                headers=self.auth,
                name=f"{NAME}: our treaties",
            )

    return FocalPoint


def report(counters: dict[str, int]) -> str:
    return f"submitted {counters.get('submitted', 0)} with attachments"


SCENARIO = Scenario(
    name=NAME, weight=4, user_class=user_class, prepare=prepare, report=report, description=__doc__ or ""
)
