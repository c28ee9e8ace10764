"""The demo's anomalies: a holder recorded as deceased on the day of their last service, whose
flags the bureau officer resolved as valid with a note; a holder who moved away, whose flags
wait for the bureau; a second run adds nothing."""

from django.core.management import call_command

import pytest

from subsidies.models import AnomalyKind, VoucherAnomaly

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_resolved_anomaly_and_an_open_one(demo, settings):
    settings.DEBUG = True
    flags = VoucherAnomaly.objects.filter(kind=AnomalyKind.AFTER_CLOSURE)
    resolved = flags.filter(status="resolved")
    assert resolved.exists()
    for flag in resolved:
        assert flag.resolved_by.username == "bureau"
        assert flag.outcome == "confirmed_valid" and "服务属实" in flag.resolution_note
        assert flag.resident.status == "deceased"
    assert flags.filter(status="open", resident__status="moved_away").exists()
    count = VoucherAnomaly.objects.count()
    call_command("seed_demo")
    assert VoucherAnomaly.objects.count() == count
