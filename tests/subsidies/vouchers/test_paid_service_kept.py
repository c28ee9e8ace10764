"""A service residents have paid for with vouchers stays on the site's price list record:
deleting its row on the site's form is refused with a clear message (never a 500), and the
officer is told to untick "offered" instead."""

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from tenders.models import SiteService
from tests.factories import bureau_officer
from tests.factories.redemptions import (
    credited_holder,
    provider_contract,
    provider_staff,
    redeemed,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import voucher_scheme

pytestmark = pytest.mark.django_db


def _row(service, **changes):
    row = {
        "id": str(service.pk),
        "service_type": service.service_type,
        "name": service.name,
        "unit": service.unit,
        "price": str(service.price),
        "voucher_price": "" if service.voucher_price is None else str(service.voucher_price),
        "duration_minutes": str(service.duration_minutes),
        "active": "on",
    }
    row.update(changes)
    return row


def test_deleting_a_paid_service_is_refused_on_the_form(client):
    contract = provider_contract()
    site = voucher_site(contract)
    lunch = service_of(site, "午餐")
    holder = credited_holder(voucher_scheme(), months=[timezone.localdate()])
    redeemed(by=provider_staff(contract), site=site, service=lunch, holder=holder)
    client.force_login(bureau_officer())
    services = [
        _row(service, DELETE="on" if service.pk == lunch.pk else "")
        for service in site.services.order_by("pk")
    ]
    hours = [
        {
            "id": str(span.pk),
            "weekday": str(span.weekday),
            "opens": span.opens.strftime("%H:%M"),
            "closes": span.closes.strftime("%H:%M"),
        }
        for span in site.opening_hours.order_by("pk")
    ]
    data = nested_form_data(
        {
            "contract": str(contract.pk),
            "name": site.name,
            "kind": site.kind,
            "town": site.town,
            "community": site.community,
            "address": site.address,
            "phone": "",
            "directions": "",
            "feedback_open": "on",
            "accessibility_notes": "",
            "premises": site.premises,
            "accepts_vouchers": "on",
            "closed_on_public_holidays": "on",
            "opening_hours": inline_formset(hours, initial=len(hours)),
            "services": inline_formset(services, initial=len(services)),
        }
    )
    response = client.post(f"/admin/service_sites/edit/{site.pk}/", data)
    assert response.status_code == 200
    assert "Untick “offered”" in response.content.decode()
    assert SiteService.objects.filter(pk=lunch.pk).exists()
