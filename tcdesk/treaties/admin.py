from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Instrument, ParticipationAction, StatusImport


@admin.register(Instrument)
class InstrumentAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "untc_ref",
        "short_name_en",
        "family",
        "entry_into_force_on",
        "depositary",
        "facts_verified",
    )
    list_filter = ("family", "depositary", "facts_verified")
    search_fields = (
        "code",
        "untc_ref",
        "short_name_en",
        "short_name_fr",
        "short_name_es",
        "name_en",
        "name_fr",
        "name_es",
    )


@admin.register(ParticipationAction)
class ParticipationActionAdmin(SimpleHistoryAdmin):
    list_display = ("instrument", "country", "organisation", "action", "date", "effective_from", "synthetic")
    list_filter = ("instrument", "action", "synthetic")
    search_fields = ("country__iso3", "country__name_en", "participant_as_written")
    raw_id_fields = ("source_import",)


@admin.register(StatusImport)
class StatusImportAdmin(admin.ModelAdmin):
    list_display = ("instrument", "file_name", "outcome", "dry_run", "uploaded_by", "at")
    list_filter = ("outcome", "dry_run", "instrument")
    readonly_fields = [f.name for f in StatusImport._meta.fields]
