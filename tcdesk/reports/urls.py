from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:report_id>/", views.report_detail, name="report_detail"),
    path("<int:report_id>/generate/", views.report_generate, name="report_generate"),
    path("<int:report_id>/conclusions/", views.report_conclusions, name="report_conclusions"),
    path("<int:report_id>/preview/", views.report_preview, name="report_preview"),
    path("<int:report_id>/versions/<int:version_id>.<str:fmt>", views.version_download, name="version_download"),
]
