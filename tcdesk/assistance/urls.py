from django.urls import path

from . import views

app_name = "assistance"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_create, name="request_create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/", views.request_import, name="request_import"),
    path("import/jobs/<int:job_id>/", views.request_import_job, name="request_import_job"),
    path("bulk/", views.request_bulk, name="request_bulk"),
    path("filters/", views.queue_filter_save, name="queue_filter_save"),
    path("filters/<int:filter_id>/delete/", views.queue_filter_delete, name="queue_filter_delete"),
    path("weights/", views.weights, name="weights"),
    path("partners/", views.partner_list, name="partner_list"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("<int:pk>/transition/", views.request_transition, name="request_transition"),
    path("<int:pk>/assess/", views.request_assess, name="request_assess"),
    path("<int:pk>/assign/", views.request_assign, name="request_assign"),
    path("<int:pk>/comments/", views.request_comment, name="request_comment"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
]
