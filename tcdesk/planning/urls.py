from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.scenario_list, name="scenario_list"),
    path("compare/", views.compare, name="compare"),
    path("<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("<int:pk>/rules/", views.scenario_policy, name="scenario_policy"),
    path("<int:pk>/requests/<int:item_pk>/", views.scenario_request_edit, name="scenario_request_edit"),
    path("<int:pk>/sources/new/", views.scenario_source_add, name="scenario_source_add"),
    path("<int:pk>/sources/<int:source_pk>/remove/", views.scenario_source_remove, name="scenario_source_remove"),
    path("<int:pk>/sources/refresh/", views.scenario_sources_refresh, name="scenario_sources_refresh"),
    path("<int:pk>/accept/", views.scenario_accept, name="scenario_accept"),
    path("<int:pk>/solve/", views.scenario_solve, name="scenario_solve"),
    path("<int:pk>/runs/<int:run_pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/runs/<int:run_pk>/cancel/", views.run_cancel, name="run_cancel"),
]
