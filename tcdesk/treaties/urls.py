from django.urls import path

from . import views

app_name = "treaties"

urlpatterns = [
    path("", views.instrument_list, name="instrument_list"),
    path("matrix/", views.matrix, name="matrix"),
    path("import/", views.import_upload, name="import"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/corrections/", views.import_corrections, name="import_corrections"),
    path("states/<str:iso3>/", views.country_status, name="country_status"),
    path("instruments/<slug:code>/", views.instrument_detail, name="instrument_detail"),
    path("instruments/<slug:code>/actions/", views.action_add, name="action_add"),
]
