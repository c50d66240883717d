"""Writes of the core app: loading the shipped reference data, group memberships, organisations, jobs.

Every function runs in one transaction, validates before writing, and raises ValidationError naming the
field (or file row) and the rule it breaks. The writes live in submodules named for what they do
(`reference_data`, `memberships`, `organisations`, `jobs`, `notifications`); callers import them from here.
"""

from .jobs import background_job_start
from .memberships import group_membership_close, group_membership_create
from .notifications import (
    Message,
    Reminder,
    ReminderSource,
    ReminderSummary,
    absolute_url,
    language_of,
    notifications_mark_read,
    notifications_muted,
    notifications_prune,
    notify,
    reminder_period,
    reminders_send,
)
from .organisations import organisation_save
from .reference_data import DATA_DIR, Progress, ReferenceDataSummary, reference_data_load

__all__ = [
    "Message",
    "Reminder",
    "ReminderSource",
    "ReminderSummary",
    "absolute_url",
    "language_of",
    "notifications_mark_read",
    "notifications_muted",
    "notifications_prune",
    "notify",
    "reminder_period",
    "reminders_send",
    "DATA_DIR",
    "Progress",
    "ReferenceDataSummary",
    "background_job_start",
    "group_membership_close",
    "group_membership_create",
    "organisation_save",
    "reference_data_load",
]
