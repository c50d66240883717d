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
    # An absolute link: the e-mail is read outside the site.
    url = settings.TCDESK_SITE_URL + ta_request.get_absolute_url()
    reference, country = ta_request.reference, ta_request.country
    title = " ".join(ta_request.title.split())  # one line: it goes into the subject header
    kind, action, to_status, comment = event.kind, event.action, event.to_status, event.comment
    actor_name = actor.get_full_name() or actor.get_username()

    def send() -> None:
        for address, language in people:
            # Everything the recipient reads is in their language (their profile's preference).
            with translation.override(language):
                status = dict(RequestStatus.choices)[to_status] if to_status else ""
                if kind == EventKind.COMMENT:
                    subject = _("[tcdesk] %(ref)s %(title)s: new comment") % {"ref": reference, "title": title}
                    what = _("%(who)s commented on the request.") % {"who": actor_name}
                else:
                    subject = _("[tcdesk] %(ref)s %(title)s: %(status)s") % {
                        "ref": reference,
                        "title": title,
                        "status": status,
                    }
                    what = _("%(who)s took the step “%(action)s”.") % {
                        "who": actor_name,
                        "action": dict(RequestAction.choices).get(action, action),
                    }
                body = "\n".join(
                    [
                        _("Request %(ref)s: %(title)s (%(country)s)")
                        % {"ref": reference, "title": title, "country": country.name},
                        _("Status: %(status)s") % {"status": status},
                        "",
                        str(what),
                        "",
                        _("Comment:") if comment else _("No comment."),
                        *([comment, ""] if comment else [""]),
                        _("Open the request: %(url)s") % {"url": url},
                    ]
                )
            try:
                send_mail(subject, body, None, [address])
            except OSError:  # a mail server down must not undo the work already committed
                logger.warning("could not e-mail %s about %s", address, reference, exc_info=True)

    transaction.on_commit(send)
