from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tcdesk.core.admin import english_name

from .models import (
    Addressee,
    Citation,
    Footnote,
    Mandate,
    MandateEvent,
    MandateEvidence,
    Paragraph,
    ReportingRequest,
    Resolution,
)


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "resolution"
    extra = 0
    fields = ["kind", "body", "ref", "target_symbol", "cited_resolution"]
    raw_id_fields = ["cited_resolution"]


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "body", "session", "adoption_date", "language", "loaded_at"]
    list_filter = ["body", "language"]
    search_fields = ["symbol", "title"]
    readonly_fields = ["source_sha256", "parsed", "loaded_by", "loaded_at"]
    inlines = [FootnoteInline, CitationInline]


@admin.register(Paragraph)
class ParagraphAdmin(SimpleHistoryAdmin):
    list_display = ["resolution", "kind", "number", "lead_words"]
    list_filter = ["kind"]
    search_fields = ["resolution__symbol", "text"]
    list_select_related = ["resolution"]

    @admin.display(description=_("lead words"), ordering="lead")
    def lead_words(self, obj: Paragraph) -> SafeString:
        """The resolution's own words, marked in the resolution's language (not interface text)."""
        return format_html('<span lang="{}">{}</span>', obj.resolution.language, obj.lead)


@admin.register(Addressee)
class AddresseeAdmin(SimpleHistoryAdmin):
    list_display = ["code", english_name, "name_fr"]
    search_fields = ["code", "name_en", "name_fr"]


class EvidenceInline(admin.TabularInline):
    model = MandateEvidence
    extra = 0


class EventInline(admin.TabularInline):
    model = MandateEvent
    extra = 0
    readonly_fields = ["kind", "from_status", "to_status", "actor", "at", "comment"]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["resolution", "key", "action", "status", "due_session", "due_year"]
    list_filter = ["status", "action", "resolution__body"]
    search_fields = ["resolution__symbol", "text"]
    filter_horizontal = ["addressees", "themes"]
    raw_id_fields = ["paragraph", "subparagraph", "superseded_by", "renewed_by"]
    inlines = [EvidenceInline, EventInline]


@admin.register(ReportingRequest)
class ReportingRequestAdmin(SimpleHistoryAdmin):
    list_display = ["resolution", "paragraph_number", "kind", "addressee", "to_session", "due_year"]
    list_filter = ["kind", "to_session"]
