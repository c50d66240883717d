"""Samples for the role test (tests/test_permissions.py) of the assistance pages added for triage."""


def samples(base: dict) -> dict:
    from tcdesk.assistance.models import SavedQueueFilter

    ta_request = base["request"]
    saved = SavedQueueFilter.objects.create(user=base["officer"], name="Mali, open", query="country=MLI")
    return {
        "pages": {
            "assistance:queue_filter_delete": ({"filter_id": saved.pk}, saved),
            "assistance:request_assess": ({"pk": ta_request.pk}, ta_request),
            "assistance:request_assign": ({"pk": ta_request.pk}, ta_request),
        }
    }
