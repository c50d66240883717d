"""tcdesk sharing_deadlines [--within DAYS] [--on DATE] [--json] [--notify]: open deadlines to request sharing.

Lists the confiscation cases whose sharing is neither requested nor decided, by days left (passed
first). With --notify, e-mails each alert (deadline passed or within --within days) to the programme
officers and to the focal points of the case's States; run it daily (cron or a scheduled job) to be
warned before a deadline passes. --json prints `{"on", "within", "deadlines": [{"case", "reference",
"deadline", "days_left", "level"}], "notified": N}`.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from tcdesk.accounts.choices import Role
from tcdesk.accounts.models import User
from tcdesk.core.dates import parse_date, today

from ...selectors import ALERT_DAYS, Deadline, open_deadlines


def _recipients(deadline: Deadline) -> list[str]:
    states = list(deadline.case.parties.values_list("state_id", flat=True))
    users = User.objects.filter(
        Q(role_assignments__role=Role.PROGRAMME_OFFICER)
        | Q(role_assignments__role=Role.STATE_FOCAL_POINT, role_assignments__country_id__in=states)
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


class Command(BaseCommand):
    help = "List the open deadlines to request sharing of confiscated proceeds; --notify e-mails the alerts."

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=ALERT_DAYS, help="Alert this many days ahead.")
        parser.add_argument("--on", help="Count days left from this date (YYYY-MM-DD; default today).")
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")
        parser.add_argument("--notify", action="store_true", help="E-mail officers and focal points of each alert.")

    def handle(self, *args, **options):
        day = parse_date(options["on"]) if options["on"] else today()
        if options["on"] and day is None:
            raise CommandError(f"--on {options['on']}: not a date (YYYY-MM-DD).")
        within = options["within"]
        # Every case counts here (a command acts for the programme); pages and the API scope by user.
        deadlines = open_deadlines(None, on=day, every_case=True)
        alerts = [d for d in deadlines if d.days_left <= within]
        notified = 0
        if options["notify"]:
            with translation.override(settings.LANGUAGE_CODE):
                for deadline in alerts:
                    recipients = _recipients(deadline)
                    if not recipients:
                        continue
                    subject = _("Sharing deadline of %(reference)s: %(date)s (%(days)s days left)") % {
                        "reference": deadline.case.reference,
                        "date": deadline.deadline.isoformat(),
                        "days": deadline.days_left,
                    }
                    body = _("Request the sharing of %(title)s before %(date)s, or record that it was requested.") % {
                        "title": deadline.case.title,
                        "date": deadline.deadline.isoformat(),
                    }
                    send_mail(subject, body, None, recipients)
                    notified += 1
        rows = [
            {
                "case": d.case.pk,
                "reference": d.case.reference,
                "deadline": d.deadline.isoformat(),
                "days_left": d.days_left,
                "level": d.level,
            }
            for d in deadlines
        ]
        if options["json"]:
            document = {"on": day.isoformat(), "within": within, "deadlines": rows, "notified": notified}
            self.stdout.write(json.dumps(document))
            return
        for row in rows:
            self.stdout.write(f"{row['deadline']}  {row['days_left']:>5}  {row['level']:<7} {row['reference']}")
        if options["notify"]:
            self.stderr.write(f"{notified} alert(s) e-mailed.")
