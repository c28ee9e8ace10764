"""Enrolling voucher holders: the identity number validated, stored encrypted, shown masked,
revealed only with a reason and audited; community workers enrol only in their communities."""

from datetime import date

from django.core.exceptions import ValidationError

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from subsidies.models import Resident, ResidentStatus
from subsidies.services.vouchers import (
    resident_by_card,
    resident_enrol,
    resident_record_status,
    resident_reset_pin,
    resident_reveal_citizen_id,
)
from tests.factories import bureau_officer
from tests.factories.vouchers import PIN, citizen_id, community, community_worker, enrolled

pytestmark = pytest.mark.django_db


def test_enrolment_keeps_the_number_encrypted_and_masked():
    number = citizen_id(date(1941, 6, 2))
    resident = enrolled(citizen_id=number)
    stored = Resident.objects.get(pk=resident.pk)
    assert number not in stored.citizen_id_token
    assert stored.citizen_id_masked == number[:6] + "********" + number[-4:]
    assert stored.birth_date == date(1941, 6, 2)
    assert stored.name == "王秀英"
    assert stored.balance == 0
    assert len(stored.card_number) == 12


def test_the_same_number_is_enrolled_once():
    number = citizen_id(date(1939, 1, 9))
    first = enrolled(citizen_id=number)
    with pytest.raises(ServiceError) as error:
        enrolled(citizen_id=number.lower())
    assert error.value.code == "already_enrolled"
    assert first.card_number[-4:] in str(error.value)


def test_a_bad_number_is_refused():
    with pytest.raises(ValidationError):
        enrolled(citizen_id="320585194001010000")


def test_the_purpose_must_be_explained():
    with pytest.raises(ServiceError) as error:
        resident_enrol(
            by=bureau_officer(),
            community=community(),
            family_name="李",
            given_name="桂兰",
            citizen_id=citizen_id(date(1940, 1, 1)),
            pin=PIN,
            purpose_explained=False,
        )
    assert error.value.code == "purpose"


@pytest.mark.parametrize("pin", ["12345", "1234567", "abcdef", "111111", "123456", "654321"])
def test_simple_or_malformed_pins_are_refused(pin):
    with pytest.raises(ServiceError):
        enrolled(pin=pin)


def test_community_workers_enrol_in_their_own_community_only():
    home, elsewhere = community(), community("沙溪镇", "半泾村")
    worker = community_worker(home)
    assert enrolled(by=worker, community_=home).community == home
    with pytest.raises(ServiceError) as error:
        enrolled(by=worker, community_=elsewhere)
    assert error.value.code == "not_allowed"


def test_the_full_number_is_revealed_with_a_reason_and_audited():
    number = citizen_id(date(1938, 11, 30))
    resident = enrolled(citizen_id=number)
    officer = bureau_officer()
    with pytest.raises(ServiceError):
        resident_reveal_citizen_id(resident=resident, by=officer, reason="  ")
    assert resident_reveal_citizen_id(resident=resident, by=officer, reason="核对身份") == number
    entry = ModelLogEntry.objects.get(action="subsidies.resident.reveal_id")
    assert entry.user == officer
    assert entry.data["reason"] == "核对身份"


def test_another_communitys_worker_cannot_reveal_or_change():
    resident = enrolled()
    stranger = community_worker(community("浏河镇", "新闸村"))
    with pytest.raises(ServiceError):
        resident_reveal_citizen_id(resident=resident, by=stranger, reason="x")
    with pytest.raises(ServiceError):
        resident_reset_pin(resident=resident, pin="802604", by=stranger)
    with pytest.raises(ServiceError):
        resident_record_status(
            resident=resident, status=ResidentStatus.DECEASED, on=date(2026, 3, 1), by=stranger
        )


def test_card_and_pin_open_the_account_and_a_new_pin_replaces_the_old():
    resident = enrolled()
    assert resident_by_card(resident.card_number, PIN) == resident
    assert resident_by_card(resident.card_number, "000000") is None
    assert resident_by_card("000000000000", PIN) is None
    resident_reset_pin(resident=resident, pin="802604", by=bureau_officer())
    assert resident_by_card(resident.card_number, PIN) is None
    assert resident_by_card(resident.card_number, "802604") == resident


def test_a_death_is_dated_and_recorded_once():
    resident = enrolled()
    officer = bureau_officer()
    resident_record_status(
        resident=resident, status=ResidentStatus.DECEASED, on=date(2026, 3, 10), by=officer
    )
    resident.refresh_from_db()
    assert (resident.status, resident.status_on) == (ResidentStatus.DECEASED, date(2026, 3, 10))
    with pytest.raises(ServiceError) as error:
        resident_record_status(
            resident=resident, status=ResidentStatus.MOVED_AWAY, on=date(2026, 3, 11), by=officer
        )
    assert error.value.code == "not_active"
