"""Detecting care-voucher anomalies: overlapping services of one resident, a service while the
site is closed, a service on or after the holder's death or departure, and a provider taking
(nearly) all of a resident's month; ordinary services raise nothing, and detecting again raises
each flag once."""

from datetime import date, timedelta

from django.core.management import call_command
from django.utils import translation

import pytest

from subsidies.models import AnomalyKind, Redemption, ResidentStatus, VoucherAnomaly
from subsidies.services.anomalies import detect_anomalies
from subsidies.services.redemptions import redemption_record
from subsidies.services.vouchers import resident_record_status
from tests.factories.organisations import bureau_officer
from tests.factories.redemptions import (
    credited_holder,
    cst,
    provider_contract,
    provider_staff,
    service_of,
    voucher_site,
)
from tests.factories.vouchers import PIN

pytestmark = pytest.mark.django_db
NOW = cst(2026, 12, 4, 21, 0)  # a Friday evening
DECEMBER = date(2026, 12, 1)
NOVEMBER = date(2026, 11, 1)


def _record(staff, site, name, holder, served_at, minutes=None):
    service = service_of(site, name)
    return redemption_record(
        by=staff,
        site=site,
        service=service,
        resident_card=holder.card_number,
        pin=PIN,
        served_at=served_at,
        duration_minutes=minutes or service.duration_minutes,
        now=NOW,
    )


def _flags(kind=None):
    flags = VoucherAnomaly.objects.all()
    if kind:
        flags = flags.filter(kind=kind)
    return list(flags)


def test_services_inside_opening_hours_raise_nothing(centre, staff, holder):
    _record(staff, centre, "午餐", holder, cst(2026, 12, 3, 11, 0))
    _record(staff, centre, "上门照护", holder, cst(2026, 12, 4, 14, 0))
    assert detect_anomalies(month=DECEMBER, now=NOW) == {
        "overlap": 0,
        "site_closed": 0,
        "after_closure": 0,
        "provider_share": 0,
    }
    assert _flags() == []


def test_a_service_while_the_site_is_closed_is_flagged_when_recorded(centre, staff, holder):
    _record(staff, centre, "上门照护", holder, cst(2026, 12, 3, 19, 0))  # at home: not judged
    assert _flags() == []
    evening = _record(staff, centre, "午餐", holder, cst(2026, 12, 4, 19, 0))
    (flag,) = _flags()
    assert (flag.kind, flag.redemption, flag.resident) == (
        AnomalyKind.SITE_CLOSED,
        evening,
        holder,
    )
    assert flag.organisation == centre.contract.organisation
    assert flag.month == DECEMBER
    assert flag.status == VoucherAnomaly.Status.OPEN
    with translation.override("zh-hans"):
        assert "2026-12-04 19:00" in flag.details
        assert centre.name in flag.details


def test_a_saturday_service_is_flagged_by_the_detection_too(centre, staff, holder):
    saturday = _record(staff, centre, "午餐", holder, cst(2026, 11, 28, 12, 0))
    VoucherAnomaly.objects.all().delete()
    found = detect_anomalies(month=NOVEMBER, now=NOW)
    assert found["site_closed"] == 1
    assert [flag.redemption for flag in _flags(AnomalyKind.SITE_CLOSED)] == [saturday]


def test_overlapping_services_that_slipped_through_are_flagged_once(centre, staff, holder):
    contract = provider_contract()
    other_site = voucher_site(contract, name="沙溪镇助餐点")
    other_staff = provider_staff(contract, username="other_staff")
    first = _record(staff, centre, "上门照护", holder, cst(2026, 12, 3, 9, 0), minutes=120)
    later = _record(other_staff, other_site, "午餐", holder, cst(2026, 12, 3, 14, 0))
    # A home visit recorded later from its signed receipt, as if two recordings had raced.
    Redemption.objects.filter(pk=later.pk).update(
        served_at=cst(2026, 12, 3, 10, 0), ends_at=cst(2026, 12, 3, 10, 30)
    )
    assert detect_anomalies(month=DECEMBER, now=NOW)["overlap"] == 1
    (flag,) = _flags(AnomalyKind.OVERLAP)
    assert (flag.redemption, flag.other_redemption) == (later, first)
    assert flag.organisation == contract.organisation
    with translation.override("zh-hans"):
        assert "2026-12-03 09:00" in flag.details and "2026-12-03 10:30" in flag.details
        assert "沙溪镇助餐点" in flag.details
    assert detect_anomalies(month=DECEMBER, now=NOW)["overlap"] == 0
    assert len(_flags(AnomalyKind.OVERLAP)) == 1


def test_a_service_after_the_holder_died_is_flagged_when_the_death_is_recorded(
    centre, staff, holder
):
    served = _record(staff, centre, "午餐", holder, cst(2026, 12, 3, 11, 0))
    resident_record_status(
        resident=holder, status=ResidentStatus.DECEASED, on=date(2026, 12, 2), by=bureau_officer()
    )
    (flag,) = _flags(AnomalyKind.AFTER_CLOSURE)
    assert (flag.redemption, flag.resident) == (served, holder)
    with translation.override("en"):
        assert "Deceased" in flag.details
    assert detect_anomalies(month=DECEMBER, now=NOW)["after_closure"] == 0


def test_a_service_before_the_holder_moved_away_is_not_flagged(centre, staff, holder):
    _record(staff, centre, "午餐", holder, cst(2026, 12, 3, 11, 0))
    resident_record_status(
        resident=holder, status=ResidentStatus.MOVED_AWAY, on=date(2026, 12, 4), by=bureau_officer()
    )
    assert detect_anomalies(month=DECEMBER, now=NOW)["after_closure"] == 0
    assert _flags() == []


def test_a_provider_taking_the_whole_month_of_a_resident_is_flagged(centre, staff, holder):
    # November's ¥80, all spent at the centre: four day-care days of ¥20.
    for day in (9, 10, 11, 12):
        _record(staff, centre, "日间照料（全天）", holder, cst(2026, 11, day, 8, 30))
    found = detect_anomalies(month=NOVEMBER, now=NOW)
    assert found["provider_share"] == 1
    (flag,) = _flags(AnomalyKind.PROVIDER_SHARE)
    assert (flag.resident, flag.organisation, flag.month) == (
        holder,
        centre.contract.organisation,
        NOVEMBER,
    )
    assert flag.evidence["share"] == 100
    with translation.override("zh-hans"):
        assert "¥80.00" in flag.details
    assert detect_anomalies(month=NOVEMBER, now=NOW)["provider_share"] == 0


def test_a_resident_spending_less_than_the_month_or_at_several_providers_is_not_flagged(
    scheme, centre, staff, holder
):
    contract = provider_contract()
    other_site = voucher_site(contract, name="沙溪镇助餐点")
    other_staff = provider_staff(contract, username="other_staff")
    for day in (9, 10):
        _record(staff, centre, "日间照料（全天）", holder, cst(2026, 11, day, 8, 30))
        _record(other_staff, other_site, "日间照料（全天）", holder, cst(2026, 11, day + 7, 8, 30))
    thrifty = credited_holder(scheme, family_name="李", given_name="桂兰")
    _record(staff, centre, "日间照料（全天）", thrifty, cst(2026, 11, 9, 8, 30))
    assert detect_anomalies(month=NOVEMBER, now=NOW)["provider_share"] == 0


def test_detecting_since_a_moment_covers_what_was_recorded_after_it(centre, staff, holder):
    _record(staff, centre, "午餐", holder, cst(2026, 12, 4, 19, 0))
    VoucherAnomaly.objects.all().delete()
    assert detect_anomalies(since=NOW + timedelta(days=400), now=NOW)["site_closed"] == 0
    assert detect_anomalies(since=NOW - timedelta(days=400), now=NOW)["site_closed"] == 1


def test_detection_needs_a_month_or_a_moment():
    with pytest.raises(ValueError):
        detect_anomalies()
    with pytest.raises(ValueError):
        detect_anomalies(month=DECEMBER, since=NOW)


def test_the_command_detects_and_a_second_run_adds_nothing(centre, staff, holder, capsys):
    _record(staff, centre, "午餐", holder, cst(2026, 12, 4, 19, 0))
    VoucherAnomaly.objects.all().delete()
    call_command("detect_voucher_anomalies", "--month", "2026-12")
    call_command("detect_voucher_anomalies", "--month", "2026-12")
    call_command("detect_voucher_anomalies")
    assert len(_flags()) == 1
    assert "site_closed: 1" in capsys.readouterr().out


def test_detection_queries_do_not_grow_with_the_services(
    centre, staff, holder, scheme, django_assert_max_num_queries
):
    for day in (9, 10, 11):
        _record(staff, centre, "午餐", holder, cst(2026, 11, day, 12, 0))
    VoucherAnomaly.objects.all().delete()
    with django_assert_max_num_queries(16):
        assert detect_anomalies(month=NOVEMBER, now=NOW)["site_closed"] == 3


def test_a_fault_in_the_checks_never_refuses_a_service(centre, staff, holder, monkeypatch):
    def broken(*args):
        raise RuntimeError("detection bug")

    monkeypatch.setattr("subsidies.services.anomalies._site_closed", broken)
    evening = _record(staff, centre, "上门照护", holder, cst(2026, 12, 4, 19, 0))
    assert Redemption.objects.filter(pk=evening.pk).exists()
    assert _flags() == []
