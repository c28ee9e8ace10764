"""Resolving a care-voucher anomaly: a bureau officer records the outcome and a note, once;
it is audited; anyone else is refused and nothing changes."""

from datetime import date

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import AnomalyOutcome, VoucherAnomaly
from subsidies.services.anomalies import anomaly_resolve
from tests.factories.organisations import bureau_officer
from tests.factories.redemptions import provider_contract, provider_staff
from tests.factories.vouchers import community_worker, enrolled

pytestmark = pytest.mark.django_db


@pytest.fixture
def anomaly(db):
    holder = enrolled()
    return VoucherAnomaly.objects.create(
        kind="provider_share",
        subject="test",
        resident=holder,
        organisation=provider_contract().organisation,
        month=date(2026, 11, 1),
        raised_at=timezone.now(),
        evidence={"spent": "80.00", "total": "80.00", "credit": "80.00", "share": 100},
    )


@pytest.fixture
def officer(db):
    return bureau_officer()


def test_an_officer_resolves_an_anomaly_with_an_outcome_and_a_note(anomaly, officer):
    resolved = anomaly_resolve(
        anomaly=anomaly, outcome=AnomalyOutcome.REFERRED, note="  转稽查科核查  ", by=officer
    )
    resolved.refresh_from_db()
    assert resolved.status == VoucherAnomaly.Status.RESOLVED
    assert resolved.outcome == AnomalyOutcome.REFERRED
    assert resolved.resolution_note == "转稽查科核查"
    assert resolved.resolved_by == officer and resolved.resolved_at is not None
    entry = ModelLogEntry.objects.get(action="subsidies.anomaly.resolve")
    assert entry.user == officer and entry.data["note"] == "转稽查科核查"


def test_an_anomaly_is_resolved_once(anomaly, officer):
    anomaly_resolve(
        anomaly=anomaly, outcome=AnomalyOutcome.CONFIRMED_VALID, note="属实", by=officer
    )
    with pytest.raises(ServiceError) as refused:
        anomaly_resolve(
            anomaly=anomaly, outcome=AnomalyOutcome.CORRECTED, note="again", by=bureau_officer()
        )
    assert refused.value.code == "already_resolved"
    assert "already resolved" in str(refused.value.message)
    anomaly.refresh_from_db()
    assert anomaly.outcome == AnomalyOutcome.CONFIRMED_VALID


@pytest.mark.parametrize(
    ("outcome", "note", "code"),
    [
        ("confirmed_valid", "   ", "note_required"),
        ("fine", "ok", "bad_outcome"),
        ("", "ok", "bad_outcome"),
    ],
)
def test_an_outcome_and_a_note_are_required(anomaly, officer, outcome, note, code):
    with pytest.raises(ServiceError) as refused:
        anomaly_resolve(anomaly=anomaly, outcome=outcome, note=note, by=officer)
    assert refused.value.code == code
    anomaly.refresh_from_db()
    assert anomaly.status == VoucherAnomaly.Status.OPEN


def test_only_the_bureau_resolves(anomaly):
    for person in (
        None,
        provider_staff(provider_contract(), "admin"),
        community_worker(anomaly.resident.community),
    ):
        with pytest.raises(ServiceError) as refused:
            anomaly_resolve(anomaly=anomaly, outcome="confirmed_valid", note="ok", by=person)
        assert refused.value.code == "not_allowed"
    anomaly.refresh_from_db()
    assert anomaly.status == VoucherAnomaly.Status.OPEN
