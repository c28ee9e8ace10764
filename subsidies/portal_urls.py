"""Subsidies in the organisation portal, under /<language>/portal/subsidies/."""

from django.urls import path

from subsidies import portal_claims, portal_submit, portal_vouchers
from subsidies import portal_views as views

app_name = "subsidies"

urlpatterns = [
    path("", views.index, name="index"),
    path("schemes/<int:scheme_pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/check/", portal_submit.check, name="check"),
    path("<int:pk>/withdraw/", portal_submit.withdraw, name="withdraw"),
]

# Care vouchers, for the staff of a provider whose sites take them.
urlpatterns += [
    path("vouchers/record/", portal_vouchers.record, name="voucher_record"),
    path("vouchers/receipts/", portal_vouchers.receipts, name="voucher_receipts"),
    path("vouchers/receipts/<int:pk>/", portal_vouchers.receipt, name="voucher_receipt"),
    path(
        "vouchers/receipts/<int:pk>/photo/",
        portal_vouchers.receipt_photo,
        name="voucher_receipt_photo",
    ),
    path("vouchers/served/", portal_vouchers.served, name="voucher_served"),
]

# Claims: a month of the provider's services claimed from the bureau.
urlpatterns += [
    path("vouchers/claims/", portal_claims.claims, name="voucher_claims"),
    path(
        "vouchers/claims/submit/<int:year>-<int:month>/",
        portal_claims.submit,
        name="voucher_claim_submit",
    ),
    path("vouchers/claims/<int:pk>/", portal_claims.claim, name="voucher_claim"),
]
