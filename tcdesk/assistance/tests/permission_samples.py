"""Samples for the role test (tests/test_permissions.py) of the assistance pages added for triage
and the page of an import run in the background."""


def samples(base: dict) -> dict:
    from tcdesk.assistance.models import SavedQueueFilter
    from tcdesk.core.models import BackgroundJob

    ta_request = base["request"]
    import_job = BackgroundJob.objects.create(name="Import historical requests", owner=base["officer"])
    saved = SavedQueueFilter.objects.create(user=base["officer"], name="Mali, open", query="country=MLI")
    return {
        "pages": {
            "assistance:queue_filter_delete": ({"filter_id": saved.pk}, saved),
            "assistance:request_assess": ({"pk": ta_request.pk}, ta_request),
            "assistance:request_assign": ({"pk": ta_request.pk}, ta_request),
            "assistance:request_import_job": ({"job_id": import_job.pk}, import_job),
        }
    }
