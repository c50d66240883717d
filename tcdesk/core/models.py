"""Reference data shared by every app: countries, regions, country groups, organisations, themes.

Names are stored per language (`name_en`, `name_fr`, …) and read through `TranslatedNameMixin`, so
pages and the API show the active language and fall back to English.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tcdesk.accounts.rules import ScopedQuerySet

from . import permissions
from .choices import JobStatus, OrganisationRoleKind, RegionLevel, UNStatus


class TranslatedNameMixin:
    """Pick `<field>_<language>` for the active language, falling back to English."""

    def translated(self, field: str) -> str:
        language = (get_language() or "en").split("-")[0]
        value = getattr(self, f"{field}_{language}", "") or ""
        return value or getattr(self, f"{field}_en", "") or ""

    @property
    def name(self) -> str:
        return self.translated("name")


class TimeStampedModel(models.Model):
    """Adds creation and last-change times to a model."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ReferenceDataQuerySet(ScopedQuerySet):
    """Reference data is public (`VIEW_REFERENCE_DATA`); administrators change it (`MANAGE_REFERENCE_DATA`)."""

    view_action = permissions.VIEW_REFERENCE_DATA


class Region(TranslatedNameMixin, models.Model):
    """A node of the UN M49 geographic tree (world, region, sub-region, intermediate region)."""

    code = models.CharField(_("M49 code"), max_length=3, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    level = models.CharField(_("level"), max_length=20, choices=RegionLevel.choices)
    history = HistoricalRecords()

    objects = ReferenceDataQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CountryQuerySet(ReferenceDataQuerySet):
    def in_group(self, group_code: str, as_of: dt.date) -> CountryQuerySet:
        """Countries that belonged to a group on a date (a dated membership covers it)."""
        members = CountryGroupMembership.objects.covering(as_of).filter(group_id=group_code).values("country_id")
        return self.filter(pk__in=members)


class Country(TranslatedNameMixin, models.Model):
    """A UN Member or observer State, keyed by ISO 3166-1 alpha-3 with its M49 numeric code."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    official_name_en = models.CharField(_("official name (English)"), max_length=200, blank=True)
    official_name_fr = models.CharField(_("official name (French)"), max_length=200, blank=True)
    un_status = models.CharField(_("UN status"), max_length=10, choices=UNStatus.choices)
    un_member_since = models.DateField(_("UN member since"), null=True, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("region")
    )
    subregion = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("sub-region"),
    )
    intermediate_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("intermediate region"),
    )
    history = HistoricalRecords()

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:country_detail", args=[self.iso3])

    def groups_on(self, as_of: dt.date) -> list[str]:
        """Codes of the groups the country belonged to on a date."""
        return sorted(m.group_id for m in self.group_memberships.all() if m.covers(as_of))


class CountryGroup(TranslatedNameMixin, models.Model):
    """A classification the programme uses for priority: LDC, economies in transition, SIDS, LLDC."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    history = HistoricalRecords()

    objects = ReferenceDataQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.translated("description")


class CountryGroupMembershipQuerySet(models.QuerySet["CountryGroupMembership"]):
    def covering(self, day: dt.date) -> CountryGroupMembershipQuerySet:
        """Memberships in force on a date: begun on or before it and not yet ended (the SQL twin of `covers`)."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class CountryGroupMembership(models.Model):
    """A country's membership of a group over a dated interval [valid_from, valid_to).

    The LDC list of 2005 is not today's: graduations close an interval instead of deleting a row.
    """

    group = models.ForeignKey(
        CountryGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="group_memberships", verbose_name=_("country")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("First day no longer a member."))
    verified = models.BooleanField(_("verified against a source"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    unconfirmed_change_on = models.DateField(
        _("unconfirmed change on"),
        null=True,
        blank=True,
        help_text=_(
            "A scheduled change (such as a graduation) on this date that no source confirms: "
            "from this date on, the membership shown is an assumption."
        ),
    )
    history = HistoricalRecords()

    objects = CountryGroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "country__name_en", "valid_from"]
        verbose_name = _("country group membership")
        verbose_name_plural = _("country group memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="membership_ends_after_it_starts",
            ),
            models.UniqueConstraint(fields=["group", "country", "valid_from"], name="membership_unique_start"),
        ]

    def __str__(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.country_id} in {self.group_id} {self.valid_from.isoformat()}–{end}"

    def covers(self, day: dt.date) -> bool:
        """Whether the membership was in force on a date ([valid_from, valid_to): the end day is out)."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class OrganisationQuerySet(ReferenceDataQuerySet):
    def with_role(self, role: str) -> OrganisationQuerySet:
        return self.filter(roles__role=role).distinct()


class Organisation(TranslatedNameMixin, TimeStampedModel):
    """An office, institute, governing body, development partner, donor or civil-society organisation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("seat"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:organisation_detail", args=[self.code])

    @property
    def role_codes(self) -> list[str]:
        return sorted(r.role for r in self.roles.all())


class OrganisationRole(models.Model):
    """One role an organisation plays for the programme (it may play several)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=OrganisationRoleKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [models.UniqueConstraint(fields=["organisation", "role"], name="organisation_role_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.role}"


class Theme(TranslatedNameMixin, models.Model):
    """A substantive theme of the programme (terrorism prevention, corruption, trafficking in persons…)."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    history = HistoricalRecords()

    objects = ReferenceDataQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.translated("description")


class BackgroundJobQuerySet(ScopedQuerySet):
    """A job is seen by the person who started it; administrators and auditors see all (`VIEW_JOB`)."""

    view_action = permissions.VIEW_JOB
    scope_fields = {"owner": "owner"}


class BackgroundJob(models.Model):
    """Progress of a piece of background work run through `django.tasks`, shown to its owner."""

    name = models.CharField(_("name"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("owner")
    )
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == JobStatus.SUCCEEDED else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}


class Counter(models.Model):
    """A named counter (`request-reference:2026` …) that hands out numbers one at a time.

    `tcdesk.core.sequences.next_value` locks the row for the length of the caller's transaction, so
    concurrent writers each get their own number and a rolled-back transaction gives its number back.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    value = models.BigIntegerField(_("last value"), default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class NotificationQuerySet(ScopedQuerySet):
    """A notification is its recipient's: `core.selectors.notifications_of` keeps each user to their own."""

    view_action = permissions.VIEW_NOTIFICATIONS
    scope_fields = {"owner": "recipient"}

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something that happened for one user (a step on a request, a reminder), listed on their
    notifications page. Written by `core.services.notify` with the e-mail of the same event, in the
    recipient's language at the time (as the e-mail is)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True, help_text=_("The path of the object on the site."))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"


class ReminderSent(models.Model):
    """That a reminder (`key`: the source, the item and the period) went to a user, so that running the
    reminders again sends nothing new. Kept longer than notifications (`TCDESK_REMINDER_KEEP_DAYS`)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    key = models.CharField(_("key"), max_length=200)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.key}"
