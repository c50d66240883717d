from django.urls import path

from . import views, views_manage

app_name = "funds"

urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("new/", views_manage.fund_create, name="fund_create"),
    path("donors/", views.donor_list, name="donor_list"),
    path("donors/new/", views_manage.donor_create, name="donor_create"),
    path("donors/<str:code>/", views.donor_statement, name="donor_statement"),
    path("donors/<str:code>/edit/", views_manage.donor_edit, name="donor_edit"),
    path("donors/<str:code>/statement.<str:fmt>", views.donor_statement_export, name="donor_statement_export"),
    path("agreements/new/", views_manage.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views_manage.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/earmarks/new/", views_manage.earmark_create, name="earmark_create"),
    path("earmarks/<int:pk>/edit/", views_manage.earmark_edit, name="earmark_edit"),
    path("pledges/new/", views_manage.pledge_create, name="pledge_create"),
    path("receipts/new/", views_manage.receipt_create, name="receipt_create"),
    path("receipts/<int:pk>/reverse/", views_manage.receipt_reverse, name="receipt_reverse"),
    path("refunds/new/", views_manage.refund_create, name="refund_create"),
    path("transfers/new/", views_manage.transfer_create, name="transfer_create"),
    path("allocations/<int:pk>/expenditure/", views_manage.expenditure_create, name="expenditure_create"),
    path("revaluations/", views_manage.pledge_revaluations, name="pledge_revaluations"),
    path("pledged-paid/", views.pledged_paid, name="pledged_paid"),
    path("flows/", views.flows, name="flows"),
    path("rates/", views.rate_list, name="rate_list"),
    path("import/", views.contributions_import, name="contributions_import"),
    path("allocate/<int:request_id>/", views.allocate, name="allocate"),
    path("<str:code>/", views.fund_detail, name="fund_detail"),
    path("<str:code>/edit/", views_manage.fund_edit, name="fund_edit"),
    path("<str:code>/statement.<str:fmt>", views.fund_statement_export, name="fund_statement_export"),
]
