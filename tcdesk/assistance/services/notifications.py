"""E-mail to the other side of a request when a transition or a comment is recorded."""

from __future__ import annotations

import contextlib
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User

from .. import workflow
from ..choices import EventKind, RequestAction, RequestStatus
from ..models import AssistanceRequest, RequestEvent
from ._common import actor_kinds, logger

_muted = threading.local()


@contextlib.contextmanager
def notifications_muted():
    """No e-mail inside the block (demo data and imports must not write to people or to stdout)."""
    previous = getattr(_muted, "on", False)
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = previous


def _notify(event: RequestEvent, ta_request: AssistanceRequest, actor) -> None:
    """E-mail the other side: the State's focal points when officers write, officers when the State writes."""
    if not event.visible_to_state or getattr(_muted, "on", False):
        return
    from_state = workflow.STATE in actor_kinds(actor, ta_request) and workflow.OFFICER not in actor_kinds(
        actor, ta_request
    )
    if from_state:
        recipients = User.objects.filter(role_assignments__role=Role.PROGRAMME_OFFICER)
    else:
        recipients = User.objects.filter(
            Q(role_assignments__role=Role.STATE_FOCAL_POINT, role_assignments__country_id=ta_request.country_id)
            | Q(pk=ta_request.submitted_by_id)
        )
    people = [
        (u.email, u.preferred_language or settings.LANGUAGE_CODE)
        for u in recipients.exclude(email="").distinct()
        if u.pk != getattr(actor, "pk", None)
        if u.is_active
    ]
    if not people:
        return
    url = ta_request.get_absolute_url()
    reference = ta_request.reference
    kind, action, to_status, comment = event.kind, event.action, event.to_status, event.comment
    actor_name = actor.get_full_name() or actor.get_username()

    def send() -> None:
        for address, language in people:
            with translation.override(language):
                if kind == EventKind.COMMENT:
                    subject = _("[tcdesk] %(ref)s: new comment") % {"ref": reference}
                else:
                    subject = _("[tcdesk] %(ref)s: %(status)s") % {
                        "ref": reference,
                        "status": dict(RequestStatus.choices)[to_status],
                    }
                body = _("%(who)s on request %(ref)s (%(action)s):\n\n%(comment)s\n\nSee %(url)s") % {
                    "who": actor_name,
                    "ref": reference,
                    "action": dict(RequestAction.choices).get(action, _("comment")),
                    "comment": comment or "—",
                    "url": url,
                }
            try:
                send_mail(subject, body, None, [address])
            except OSError:  # a mail server down must not undo the work already committed
                logger.warning("could not e-mail %s about %s", address, reference, exc_info=True)

    transaction.on_commit(send)
