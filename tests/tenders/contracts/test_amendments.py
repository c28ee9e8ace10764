"""Amendments (补充合同): numbered 1, 2, … per contract; the value moves up, down or not at
all, but never ends more than 10 % away from the original value (Government Procurement Law
Art. 49), counting every amendment; each issues an amendment letter through the outbox."""

from datetime import timedelta
from decimal import Decimal

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.services.letters import letter_html
from incubator.models import Letter
from tenders.models import ContractAmendment
from tenders.services.contracts import NOT_SIGNED, NOTHING_CHANGES, OVER_LIMIT, contract_amend

pytestmark = pytest.mark.django_db


def _amend(contract, officer, change, **kwargs):
    return contract_amend(
        contract=contract,
        reason=kwargs.pop("reason", "服务人数增加。"),
        value_change=Decimal(change),
        by=officer,
        **kwargs,
    )


def test_an_unsigned_contract_cannot_be_amended(contract, officer):
    with pytest.raises(ServiceError) as error:
        _amend(contract, officer, "1000.00")
    assert error.value.message == NOT_SIGNED


def test_exactly_ten_per_cent_more_is_allowed(signed, officer):
    amendment = _amend(signed, officer, "20000.00")
    signed.refresh_from_db()
    assert signed.value == Decimal("220000.00")
    assert signed.original_value == Decimal("200000.00")
    assert amendment.number == 1 and amendment.value_after == Decimal("220000.00")


def test_ten_point_zero_one_per_cent_more_is_refused(signed, officer):
    with pytest.raises(ServiceError) as error:
        _amend(signed, officer, "20020.00")
    assert error.value.code == "over_limit"
    assert error.value.message == OVER_LIMIT % {
        "value": "¥220,020.00",
        "original": "¥200,000.00",
        "low": "¥180,000.00",
        "high": "¥220,000.00",
    }
    signed.refresh_from_db()
    assert signed.value == Decimal("200000.00")
    assert not ContractAmendment.objects.exists()
    assert not Letter.objects.filter(kind="contract_amendment").exists()


def test_the_limit_counts_every_amendment(signed, officer):
    _amend(signed, officer, "15000.00")
    _amend(signed, officer, "5000.00")
    with pytest.raises(ServiceError):
        _amend(signed, officer, "0.01")
    third = _amend(signed, officer, "-40000.00")  # from +10 % to -10 %: allowed
    assert third.number == 3 and third.value_after == Decimal("180000.00")
    with pytest.raises(ServiceError):
        _amend(signed, officer, "-0.01")


def test_ten_per_cent_less_is_allowed_and_a_cent_more_refused(signed, officer):
    with pytest.raises(ServiceError):
        _amend(signed, officer, "-20000.01")
    _amend(signed, officer, "-20000.00")
    signed.refresh_from_db()
    assert signed.value == Decimal("180000.00")


def test_a_zero_change_may_move_the_end_date_only(signed, officer):
    with pytest.raises(ServiceError) as error:
        _amend(signed, officer, "0")
    assert error.value.message == NOTHING_CHANGES
    new_end = signed.ends_on + timedelta(days=31)
    amendment = _amend(signed, officer, "0", ends_on=new_end)
    signed.refresh_from_db()
    assert signed.ends_on == new_end and signed.value == Decimal("200000.00")
    assert amendment.value_change == 0


def test_amendments_are_numbered_without_gaps_and_audited(signed, officer):
    with pytest.raises(ServiceError):
        _amend(signed, officer, "30000.00")  # refused: takes no number
    numbers = [_amend(signed, officer, "1000.00").number for _ in range(3)]
    assert numbers == [1, 2, 3]
    from wagtail.models import ModelLogEntry

    assert (
        ModelLogEntry.objects.filter(
            object_id=str(signed.pk), action="tenders.contract.amend"
        ).count()
        == 3
    )


@pytest.mark.parametrize("who", ["hub_manager", "provider"])
def test_only_bureau_officers_amend(request, signed, who):
    with pytest.raises(ServiceError) as error:
        _amend(signed, request.getfixturevalue(who), "1000.00")
    assert error.value.code == "not_allowed"


def test_the_amendment_letter_reads_as_a_notice_with_the_value_in_capitals(signed, officer):
    amendment = _amend(signed, officer, "-12345.60", reason="服务对象减少。")
    letter = Letter.objects.get(kind="contract_amendment")
    assert letter.recipient == signed.organisation and letter.subject == amendment
    assert letter.render_status == Letter.RenderStatus.PENDING
    assert letter.amount == Decimal("187654.40")
    html = letter_html(letter)
    assert "<h1>补充协议通知</h1>" in html
    assert "第1号补充协议" in html and "服务对象减少。" in html
    assert "减少¥12,345.60" in html
    assert "人民币壹拾捌万柒仟陆佰伍拾肆元肆角（¥187,654.40）" in html
    assert "第四十九条" in html
    signed_on = signed.signed_on
    assert f"{signed_on.year}年{signed_on.month}月{signed_on.day}日" in html
