"""Anomalies on screen: the bureau lists the flags (by status, kind and provider) in constant
queries, reads one with its evidence and resolves it with an outcome and a note (a refusal keeps
what was typed); the admin home shows the open ones to the officers who resolve them, in the same
number of queries for three flags as for twelve."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from subsidies.models import VoucherAnomaly
from subsidies.services.anomalies import anomaly_resolve
from subsidies.services.redemptions import redemption_record
from tests.factories import OrganisationFactory, bureau_officer, manager_of
from tests.factories.hubs import HubFactory
from tests.factories.redemptions import cst, service_of
from tests.factories.vouchers import PIN

pytestmark = pytest.mark.django_db
NOW = cst(2026, 12, 4, 21, 0)


def _flags(holder, count, start=0):
    return [
        VoucherAnomaly.objects.create(
            kind="provider_share",
            subject=f"screen-{index}",
            resident=holder,
            organisation=OrganisationFactory(name=f"服务商{index}"),
            month=date(2026, 11, 1),
            raised_at=timezone.now(),
            evidence={"spent": "80.00", "total": "80.00", "credit": "80.00", "share": 100},
        )
        for index in range(start, start + count)
    ]


@pytest.fixture
def evening(centre, staff, holder):
    """A lunch at 19:00 on a Friday, when the centre is closed: flagged when recorded."""
    return redemption_record(
        by=staff,
        site=centre,
        service=service_of(centre, "午餐"),
        resident_card=holder.card_number,
        pin=PIN,
        served_at=cst(2026, 12, 4, 19, 0),
        duration_minutes=30,
        now=NOW,
    )


def test_the_bureau_reads_and_resolves_a_flag(client, evening, centre):
    flag = VoucherAnomaly.objects.get()
    client.force_login(bureau_officer())
    provider = centre.contract.organisation
    listing = client.get(
        f"/admin/voucher-anomalies/?status=open&kind=site_closed&organisation={provider.pk}"
    )
    assert listing.status_code == 200
    assert reverse("voucher_anomalies:inspect", args=[flag.pk]) in listing.content.decode()
    other = client.get(f"/admin/voucher-anomalies/?kind=overlap&organisation={provider.pk}")
    assert reverse("voucher_anomalies:inspect", args=[flag.pk]) not in other.content.decode()
    inspect = client.get(reverse("voucher_anomalies:inspect", args=[flag.pk]))
    page = inspect.content.decode()
    assert "午餐" in page and centre.name in page
    assert reverse("voucher_anomalies:resolve", args=[flag.pk]) in page
    resolve = reverse("voucher_anomalies:resolve", args=[flag.pk])
    refused = client.post(resolve, {"outcome": "confirmed_valid", "note": ""})
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.errors["note"] and form["outcome"].value() == "confirmed_valid"
    flag.refresh_from_db()
    assert flag.status == "open"
    done = client.post(resolve, {"outcome": "confirmed_valid", "note": "老人家属来电确认晚间上门"})
    assert done.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.outcome) == ("resolved", "confirmed_valid")
    again = client.get(reverse("voucher_anomalies:inspect", args=[flag.pk])).content.decode()
    assert "老人家属来电确认晚间上门" in again and resolve not in again


def test_the_list_keeps_its_queries_constant(client, holder):
    officer = bureau_officer()
    client.force_login(officer)
    _flags(holder, 3)
    url = "/admin/voucher-anomalies/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for flag in _flags(holder, 9, start=3):
        anomaly_resolve(anomaly=flag, outcome="referred", note="转稽查", by=officer)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def _home(client) -> tuple[int, str]:
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_shows_the_open_flags_in_constant_queries(client, holder):
    client.force_login(bureau_officer())
    _flags(holder, 3)
    few, page = _home(client)
    assert "dashboard-voucher-anomalies" in page
    assert reverse("voucher_anomalies:inspect", args=[VoucherAnomaly.objects.first().pk]) in page
    _flags(holder, 9, start=3)
    many, page = _home(client)
    assert many == few
    assert "12" in page


def test_a_hub_manager_sees_no_anomalies(client, holder):
    _flags(holder, 1)
    client.force_login(manager_of(HubFactory()))
    _count, page = _home(client)
    assert "dashboard-voucher-anomalies" not in page
    flag = VoucherAnomaly.objects.get()
    response = client.get(reverse("voucher_anomalies:inspect", args=[flag.pk]))
    assert response.status_code in (302, 403, 404)
