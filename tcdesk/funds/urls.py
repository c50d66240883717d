from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("donors/", views.donor_list, name="donor_list"),
    path("donors/<str:code>/", views.donor_statement, name="donor_statement"),
    path("donors/<str:code>/statement.<str:fmt>", views.donor_statement_export, name="donor_statement_export"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("pledged-paid/", views.pledged_paid, name="pledged_paid"),
    path("flows/", views.flows, name="flows"),
    path("rates/", views.rate_list, name="rate_list"),
    path("import/", views.contributions_import, name="contributions_import"),
    path("allocate/<int:request_id>/", views.allocate, name="allocate"),
    path("<str:code>/", views.fund_detail, name="fund_detail"),
    path("<str:code>/statement.<str:fmt>", views.fund_statement_export, name="fund_statement_export"),
]
