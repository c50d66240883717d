"""Programme officers working the queue in the browser: they sign in (a session shared by both
servers), list and open requests, read the dashboard, comment, and acknowledge submitted requests —
racing each other, so a stale version (409) or an already-acknowledged request (422) is an expected
answer, counted, not an error."""

from __future__ import annotations

from typing import Any

from .base import Scenario

NAME = "officer"


def prepare() -> dict[str, Any]:
    from tcdesk.assistance.models import AssistanceRequest

    ids = list(AssistanceRequest.objects.order_by("pk").values_list("pk", flat=True)[:400])
    return {"username": "officer", "password": "demo", "request_ids": ids}


def user_class() -> type:
    import random
    import re

    from locust import HttpUser, between, task

    from .common import Servers, count, data, next_user_number

    prepared = data()["scenarios"][NAME]

    class Officer(HttpUser):
        wait_time = between(0.5, 2.0)

        def on_start(self) -> None:
            self.servers = Servers(next_user_number())
            page = self.client.get(self.servers.url("/accounts/login/"), name=f"{NAME}: sign-in form")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            self.client.post(
                self.servers.url("/accounts/login/"),
                data={
                    "username": prepared["username"],
                    "password": prepared["password"],
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                },
                name=f"{NAME}: sign in",
            )

        def _csrf(self) -> dict[str, str]:
            return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

        @task(3)
        def queue(self) -> None:
            status = random.choice(["open", "submitted", "acknowledged"])
            self.client.get(self.servers.url(f"/requests/?status={status}"), name=f"{NAME}: queue page")

        @task(3)
        def request_page(self) -> None:
            pk = random.choice(prepared["request_ids"])
            self.client.get(self.servers.url(f"/requests/{pk}/"), name=f"{NAME}: request page")

        @task(1)
        def dashboard(self) -> None:
            self.client.get(self.servers.url("/requests/dashboard/"), name=f"{NAME}: dashboard")

        @task(1)
        def comment(self) -> None:
            pk = random.choice(prepared["request_ids"])
            self.client.post(
                self.servers.url(f"/api/requests/{pk}/comments"),
                json={"text": "Load test: reviewed, following up with the focal point.", "internal": True},
                headers=self._csrf(),
                name=f"{NAME}: comment",
            )

        @task(1)
        def acknowledge(self) -> None:
            listing = self.client.get(
                self.servers.url("/api/requests?status=submitted&page_size=20"), name=f"{NAME}: submitted (API)"
            )
            items = listing.json().get("items", []) if listing.ok else []
            if not items:
                return
            chosen = random.choice(items)
            with self.client.post(
                self.servers.url(f"/api/requests/{chosen['id']}/transitions"),
                json={"action": "acknowledge", "expected_version": chosen["version"]},
                headers=self._csrf(),
                name=f"{NAME}: acknowledge",
                catch_response=True,
            ) as response:
                if response.status_code == 200:
                    count(NAME, "acknowledged")
                    response.success()
                elif response.status_code in {409, 422}:  # another officer was first
                    count(NAME, "lost races")
                    response.success()

    return Officer


def report(counters: dict[str, int]) -> str:
    return f"acknowledged {counters.get('acknowledged', 0)}, lost races {counters.get('lost races', 0)}"


SCENARIO = Scenario(
    name=NAME, weight=4, user_class=user_class, prepare=prepare, report=report, description=__doc__ or ""
)
