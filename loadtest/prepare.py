"""Before the load: each scenario's data (tokens, ids) from the loaded database, for the locust users.

`python -m loadtest.prepare OUT.json`, with the environment of the app servers (Django set up here).
"""

from __future__ import annotations

import json
import os
import sys


def main(out: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tcdesk.settings")
    django.setup()
    from tcdesk.accounts.services import api_token_issue

    from .scenarios import load_scenarios

    _token, admin_token = api_token_issue(username="admin", password="demo", name="load test checks")
    data = {
        "hosts": json.loads(os.environ["LOADTEST_HOSTS"]),
        "admin_token": admin_token,
        "scenarios": {s.name: (s.prepare() if s.prepare else {}) for s in load_scenarios()},
    }
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(data, stream)


if __name__ == "__main__":
    main(sys.argv[1])
