"""Samples for the role test (tests/test_permissions.py) of the assistance pages added for triage."""


def samples(base: dict) -> dict:
    ta_request = base["request"]
    return {
        "pages": {
            "assistance:request_assess": ({"pk": ta_request.pk}, ta_request),
            "assistance:request_assign": ({"pk": ta_request.pk}, ta_request),
        }
    }
