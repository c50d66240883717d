from django.urls import path

from . import views

app_name = "assets"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/<slug:kind>/add/", views.case_item_add, name="case_item_add"),
    path("cases/<int:pk>/decision/", views.decision_record, name="decision_record"),
    path("cases/<int:pk>/transfers/", views.transfer_add, name="transfer_add"),
    path("cases/<int:pk>/un-share/", views.un_share_post, name="un_share_post"),
    path("reports/", views.reports, name="reports"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("map/", views.agreement_map, name="map"),
]
