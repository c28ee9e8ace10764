"""Signing and publishing a contract: bureau officers only, in order, never in the future
nor before the award, each step in the contract's history."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import ContractStage, contract_stage
from tenders.services.contracts import (
    SIGNED_BEFORE_AWARD,
    SIGNED_IN_FUTURE,
    contract_publish,
    contract_sign,
)

pytestmark = pytest.mark.django_db


def _actions(contract):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(contract.pk), action__startswith="tenders.contract"
        )
        .order_by("timestamp")
        .values_list("action", flat=True)
    )


def test_a_final_award_makes_an_unsigned_contract_with_its_original_value(contract):
    assert contract_stage(contract) == ContractStage.UNSIGNED
    assert contract.original_value == contract.value == contract.award.amount


def test_an_officer_records_the_signing_and_it_is_audited(contract, officer):
    today = timezone.localdate()
    contract_sign(contract=contract, signed_on=today, by=officer)
    contract.refresh_from_db()
    assert contract.signed_on == today and contract.signed_by == officer
    assert contract_stage(contract) == ContractStage.SIGNED
    assert _actions(contract) == ["tenders.contract.sign"]


def test_a_signing_date_in_the_future_is_refused(contract, officer):
    with pytest.raises(ServiceError) as error:
        contract_sign(
            contract=contract, signed_on=timezone.localdate() + timedelta(days=1), by=officer
        )
    assert error.value.message == SIGNED_IN_FUTURE


def test_a_signing_date_before_the_award_is_refused(contract, officer):
    decided_on = timezone.localdate(contract.award.decided_at)
    with pytest.raises(ServiceError) as error:
        contract_sign(contract=contract, signed_on=decided_on - timedelta(days=1), by=officer)
    assert error.value.message == SIGNED_BEFORE_AWARD % {"date": f"{decided_on:%Y-%m-%d}"}


def test_a_contract_is_signed_once(signed, officer):
    with pytest.raises(ServiceError) as error:
        contract_sign(contract=signed, signed_on=timezone.localdate(), by=officer)
    assert error.value.code == "move_refused"
    assert "Signed, not yet published" in error.value.message


def test_publishing_needs_a_signed_contract(contract, officer):
    with pytest.raises(ServiceError) as error:
        contract_publish(contract=contract, by=officer)
    assert error.value.code == "move_refused"


def test_an_officer_publishes_a_signed_contract_once(signed, officer):
    contract_publish(contract=signed, by=officer)
    signed.refresh_from_db()
    assert signed.published_at is not None
    assert contract_stage(signed) == ContractStage.PUBLISHED
    assert _actions(signed) == ["tenders.contract.sign", "tenders.contract.publish"]
    with pytest.raises(ServiceError):
        contract_publish(contract=signed, by=officer)


@pytest.mark.parametrize("who", ["hub_manager", "provider"])
def test_only_bureau_officers_sign_and_publish(request, contract, officer, who):
    user = request.getfixturevalue(who)
    with pytest.raises(ServiceError) as error:
        contract_sign(contract=contract, signed_on=timezone.localdate(), by=user)
    assert error.value.code == "not_allowed"
    contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    with pytest.raises(ServiceError) as error:
        contract_publish(contract=contract, by=user)
    assert error.value.code == "not_allowed"
    contract.refresh_from_db()
    assert contract.published_at is None
