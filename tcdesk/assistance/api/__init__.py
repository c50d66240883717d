"""API of technical-assistance requests (mounted at /api/requests), over the same services as the pages.

Focal points see and act on their own State's requests only; any other request answers 404, as if it
did not exist. Workflow errors are 422 naming the field; a stale `expected_version` is 409.

One router, `router` (tcdesk/api.py mounts it), to which each module of this package adds its endpoints:

- queue: list and filter requests, make one, the queue's figures;
- imports: historical requests from a file, directly or in a background job;
- weights: the priority weights in force, and new ones;
- detail: one request, and changes to a draft;
- transitions: workflow actions, the timeline and the comment thread;
- attachments: the files of a request;
- analysis: why a request has its priority, and what it overlaps.
"""

# The modules are imported in this order because it is the order of the paths in the OpenAPI document
# and of the URL patterns (a path is placed where its first endpoint is added). Each endpoint spells out
# its operation id: ninja would derive it from the module, and these are the ids of the one module this
# package replaced, which clients generated from the document name their methods after.
# isort: off
from .base import router
from . import queue, imports, weights, detail, transitions, attachments, analysis  # noqa: F401
# isort: on

__all__ = ["router"]
