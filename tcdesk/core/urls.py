from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("search/", views.global_search, name="search"),
    path("reference/", views.reference_home, name="reference_home"),
    path("reference/reload/", views.reference_reload, name="reference_reload"),
    path("reference/countries/", views.country_list, name="country_list"),
    path("reference/countries/<str:iso3>/", views.country_detail, name="country_detail"),
    path(
        "reference/countries/<str:iso3>/memberships/",
        views.country_membership_add,
        name="country_membership_add",
    ),
    path("reference/regions/", views.region_list, name="region_list"),
    path("reference/groups/", views.group_list, name="group_list"),
    path("reference/groups/<str:code>/", views.group_detail, name="group_detail"),
    path("reference/organisations/", views.organisation_list, name="organisation_list"),
    path("reference/organisations/new/", views.organisation_edit, name="organisation_create"),
    path("reference/organisations/<slug:code>/", views.organisation_detail, name="organisation_detail"),
    path("reference/organisations/<slug:code>/edit/", views.organisation_edit, name="organisation_edit"),
    path("reference/themes/", views.theme_list, name="theme_list"),
    path("reference/themes/<slug:code>/", views.theme_detail, name="theme_detail"),
    path("jobs/<int:job_id>/", views.job_detail, name="job_detail"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:notification_id>/", views.notification_open, name="notification_open"),
]
