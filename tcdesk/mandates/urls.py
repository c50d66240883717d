from django.urls import path

from . import views

app_name = "mandates"

urlpatterns = [
    path("", views.resolution_list, name="resolution_list"),
    path("resolutions/load/", views.resolution_upload, name="resolution_upload"),
    path("resolutions/review/<int:draft_id>/", views.resolution_review, name="resolution_review"),
    path(
        "resolutions/review/<int:draft_id>/correct/", views.resolution_review_correct, name="resolution_review_correct"
    ),
    path("resolutions/review/<int:draft_id>/undo/", views.resolution_review_undo, name="resolution_review_undo"),
    path(
        "resolutions/review/<int:draft_id>/confirm/", views.resolution_review_confirm, name="resolution_review_confirm"
    ),
    path(
        "resolutions/review/<int:draft_id>/discard/", views.resolution_review_discard, name="resolution_review_discard"
    ),
    path("resolutions/details/<path:symbol>/", views.resolution_details, name="resolution_details"),
    path("resolutions/<path:symbol>/", views.resolution_detail, name="resolution_detail"),
    path("registry/", views.mandate_list, name="mandate_list"),
    path("registry/<int:mandate_id>/", views.mandate_detail, name="mandate_detail"),
    path("registry/<int:mandate_id>/status/", views.mandate_status, name="mandate_status"),
    path("registry/<int:mandate_id>/evidence/", views.mandate_evidence, name="mandate_evidence"),
    path("registry/<int:mandate_id>/replace/", views.mandate_replace, name="mandate_replace"),
    path("reporting/", views.reporting_list, name="reporting_list"),
]
