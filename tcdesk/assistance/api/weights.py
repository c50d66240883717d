"""The priority weights in force, and new ones (every score is then recomputed in the background)."""

from django.http import HttpRequest

from tcdesk.core.access import requires
from tcdesk.core.api_errors import ErrorOut
from tcdesk.core.limits import InSchema
from tcdesk.core.services import background_job_start

from .. import services, tasks
from ..permissions import CHANGE_WEIGHTS, VIEW_WEIGHTS
from .base import router


@router.get(
    "/weights", response=dict, summary="Priority weights in force", operation_id="tcdesk_assistance_api_get_weights"
)
@requires(VIEW_WEIGHTS)
def get_weights(request: HttpRequest):
    current = services.current_weights()
    return {"version": current.version, "weights": current.weights, "created_at": current.created_at.isoformat()}


class WeightsIn(InSchema):
    weights: dict[str, int]
    note: str = ""


@router.post(
    "/weights",
    response={201: dict, 403: ErrorOut, 422: ErrorOut},
    summary="Save new priority weights",
    operation_id="tcdesk_assistance_api_post_weights",
)
@requires(CHANGE_WEIGHTS)
def post_weights(request: HttpRequest, payload: WeightsIn):
    """Administrators only: a new version; every score is recomputed (in a background job)."""
    current = services.current_weights()
    weights = services.priority_weights_update(
        actor=request.user, weights={**current.weights, **payload.weights}, note=payload.note
    )
    job = background_job_start(name="Recompute request priorities", owner=request.user, task=tasks.recompute_priorities)
    return 201, {"version": weights.version, "weights": weights.weights, "job": job.pk}
