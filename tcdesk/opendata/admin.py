"""The administrator's list of what is kept out of publication (each change is in the history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Exclusion


@admin.register(Exclusion)
class ExclusionAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "__str__", "reason", "created_by", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("project", "donor")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
