from django.urls import path

from . import views, views_partners

app_name = "portfolio"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/answer/", views.project_answer_request, name="project_answer_request"),
    path("projects/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("projects/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("iati/export/", views.iati_export, name="iati_export"),
    path("iati/import/", views.iati_import, name="iati_import"),
    path("partners/", views_partners.partner_list, name="partner_list"),
    path("partners/<int:pk>/", views_partners.partner_detail, name="partner_detail"),
]
