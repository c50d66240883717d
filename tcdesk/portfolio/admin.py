from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, IatiImport, ImportedActivity, Programme, Project, TrainingEvent


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "scope", "region", "country")
    list_filter = ("scope",)
    search_fields = ("code", "name_en", "name_fr")


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("iati_identifier", "title_en", "programme", "status", "gender_marker", "planned_start")
    list_filter = ("status", "gender_marker", "programme")
    search_fields = ("iati_identifier", "title_en", "title_fr")


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "project", "country", "start", "end")
    list_filter = ("kind",)


@admin.register(TrainingEvent)
class TrainingEventAdmin(SimpleHistoryAdmin):
    list_display = ("activity", "place", "target_group", "participants", "women", "men", "other_sex")


@admin.register(ImportedActivity)
class ImportedActivityAdmin(SimpleHistoryAdmin):
    list_display = ("iati_identifier", "reporting_org_ref", "title", "status", "start", "end")
    search_fields = ("iati_identifier", "title", "reporting_org_ref")


@admin.register(IatiImport)
class IatiImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "at", "imported_by", "dry_run", "ok")
