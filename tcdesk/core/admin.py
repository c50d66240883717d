from django.contrib import admin
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BackgroundJob,
    Country,
    CountryGroup,
    CountryGroupMembership,
    Organisation,
    OrganisationRole,
    Region,
    Theme,
)


@admin.display(description=_("English name"), ordering="name_en")
def english_name(obj: Model) -> SafeString:
    """The English name marked as English: data in another language, not the interface left untranslated."""
    return format_html('<span lang="en">{}</span>', obj.name_en)  # type: ignore[attr-defined]


class MembershipInline(admin.TabularInline):
    model = CountryGroupMembership
    extra = 0


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["iso3", "m49", english_name, "name_fr", "name_es", "un_status", "region"]
    list_filter = ["un_status", "region"]
    search_fields = ["iso3", "iso2", "m49", english_name, "name_fr", "name_es"]
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", english_name, "name_fr", "name_es", "level", "parent"]
    list_filter = ["level"]


@admin.register(CountryGroup)
class CountryGroupAdmin(SimpleHistoryAdmin):
    list_display = ["code", english_name, "name_fr", "name_es"]


class OrganisationRoleInline(admin.TabularInline):
    model = OrganisationRole
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "acronym", english_name, "country"]
    search_fields = ["code", "acronym", english_name, "name_fr", "name_es"]
    list_filter = ["roles__role"]
    inlines = [OrganisationRoleInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["code", english_name, "name_fr", "name_es", "parent"]


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "status", "progress_done", "progress_total", "created_at", "finished_at"]
