from django.contrib import admin
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


class MembershipInline(admin.TabularInline):
    model = CountryGroupMembership
    extra = 0


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["iso3", "m49", "name_en", "name_fr", "name_es", "un_status", "region"]
    list_filter = ["un_status", "region"]
    search_fields = ["iso3", "iso2", "m49", "name_en", "name_fr", "name_es"]
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_fr", "name_es", "level", "parent"]
    list_filter = ["level"]


@admin.register(CountryGroup)
class CountryGroupAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_fr", "name_es"]


class OrganisationRoleInline(admin.TabularInline):
    model = OrganisationRole
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "acronym", "name_en", "country"]
    search_fields = ["code", "acronym", "name_en", "name_fr", "name_es"]
    list_filter = ["roles__role"]
    inlines = [OrganisationRoleInline]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_fr", "name_es", "parent"]


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "status", "progress_done", "progress_total", "created_at", "finished_at"]
