from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AssistanceRequest, PartnerActivity, PriorityWeights, RequestAttachment, RequestEvent


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "country", "title", "status", "priority_score", "submitted_at"]
    list_filter = ["status", "post_conflict"]
    search_fields = ["reference", "title"]
    raw_id_fields = ["submitted_by"]
    readonly_fields = ["version", "priority_score", "priority_explanation", "weights_version"]


@admin.register(RequestEvent)
class RequestEventAdmin(admin.ModelAdmin):
    list_display = ["request", "kind", "from_status", "to_status", "actor", "at"]
    raw_id_fields = ["request", "actor"]


@admin.register(RequestAttachment)
class RequestAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["request", "original_name", "content_type", "size", "uploaded_at"]
    raw_id_fields = ["request"]


@admin.register(PriorityWeights)
class PriorityWeightsAdmin(SimpleHistoryAdmin):
    list_display = ["version", "created_at", "created_by", "note"]


@admin.register(PartnerActivity)
class PartnerActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "country", "start", "end", "source"]
    list_filter = ["source"]
