"""Claims: a provider's admin claims a past month of its sites' redemptions (each claimed
once, the claim's total their sum); the bureau samples, checks, approves or returns, and pays
with a settlement letter. Each refusal says why and changes nothing."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from incubator.kernel.errors import ServiceError
from incubator.models import Letter
from subsidies.models import Claim, ClaimSampleItem, Redemption, SampleOutcome
from subsidies.services.claims import (
    claim_approve,
    claim_draw_sample,
    claim_pay,
    claim_return,
    claim_sample_check,
    claim_submit,
)
from tests.factories import bureau_officer
from tests.factories.claims import NOVEMBER, november_services, provider_admin
from tests.factories.letters import letterhead_settings
from tests.factories.redemptions import cst, provider_contract, voucher_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(contract):
    return provider_admin(contract)


@pytest.fixture
def officer(db):
    return bureau_officer(username="claims_officer")


@pytest.fixture
def services(scheme, centre, staff):
    return november_services(scheme, centre, staff, 5)


def _sum(claim) -> Decimal:
    return Redemption.objects.filter(claim=claim).aggregate(total=Sum("amount"))["total"]


def _submitted(contract, admin, services) -> Claim:
    return claim_submit(organisation=contract.organisation, month=NOVEMBER, by=admin)


def _refused(call, **kwargs) -> ServiceError:
    before = (
        list(Claim.objects.values_list("pk", "status", "total")),
        list(Redemption.objects.values_list("pk", "claim_id")),
        ClaimSampleItem.objects.count(),
        ModelLogEntry.objects.filter(action__startswith="subsidies.claim").count(),
    )
    with pytest.raises(ServiceError) as refused, transaction.atomic():
        call(**kwargs)
    after = (
        list(Claim.objects.values_list("pk", "status", "total")),
        list(Redemption.objects.values_list("pk", "claim_id")),
        ClaimSampleItem.objects.count(),
        ModelLogEntry.objects.filter(action__startswith="subsidies.claim").count(),
    )
    assert after == before
    return refused.value


def test_a_claim_takes_every_unclaimed_service_of_the_month_and_equals_them(
    contract, admin, services
):
    claim = _submitted(contract, admin, services)
    assert claim.status == Claim.Status.SUBMITTED
    assert claim.redemption_count == 5
    assert claim.total == Decimal("100.00") == _sum(claim)
    assert set(claim.redemptions.values_list("pk", flat=True)) == {r.pk for r in services}
    assert ModelLogEntry.objects.filter(action="subsidies.claim.submit").count() == 1


def test_a_claim_does_not_take_another_month_nor_another_providers_services(
    scheme, contract, centre, staff, admin, services
):
    other = provider_contract()
    other_site = voucher_site(other, name="沙溪镇日间照料中心")
    other_staff = provider_staff_of(other)
    foreign = november_services(scheme, other_site, other_staff, 1)
    claim = _submitted(contract, admin, services)
    assert claim.redemption_count == 5
    foreign[0].refresh_from_db()
    assert foreign[0].claim_id is None


def provider_staff_of(contract):
    from tests.factories.redemptions import provider_staff

    return provider_staff(contract, username=f"staff_{contract.pk}")


def test_a_redemption_is_claimed_once(contract, admin, services):
    _submitted(contract, admin, services)
    error = _refused(claim_submit, organisation=contract.organisation, month=NOVEMBER, by=admin)
    assert error.code == "live_claim"


def test_a_member_who_is_not_admin_may_not_claim(contract, staff, services):
    error = _refused(claim_submit, organisation=contract.organisation, month=NOVEMBER, by=staff)
    assert error.code == "not_allowed"


def test_a_month_not_ended_cannot_be_claimed(contract, admin, services):
    error = _refused(
        claim_submit,
        organisation=contract.organisation,
        month=NOVEMBER,
        by=admin,
        now=cst(2026, 11, 30, 23, 0),
    )
    assert error.code == "month_not_ended"


def test_a_month_without_services_cannot_be_claimed(contract, admin, services):
    error = _refused(
        claim_submit, organisation=contract.organisation, month=date(2026, 10, 1), by=admin
    )
    assert error.code == "nothing_to_claim"
    assert not Claim.objects.exists()


def test_the_sample_is_a_tenth_at_least_three(contract, admin, officer, services):
    claim = claim_draw_sample(
        claim=_submitted(contract, admin, services), by=officer, rng=random.Random(1)
    )
    assert claim.status == Claim.Status.SAMPLE_DRAWN
    items = list(claim.sample.all())
    assert len(items) == 3
    assert {item.redemption.claim_id for item in items} == {claim.pk}
    assert all(item.outcome == SampleOutcome.PENDING for item in items)


def test_a_small_claim_is_sampled_whole(scheme, contract, centre, staff, admin, officer):
    services = november_services(scheme, centre, staff, 2)
    claim = claim_draw_sample(claim=_submitted(contract, admin, services), by=officer)
    assert claim.sample.count() == 2


def test_only_the_bureau_samples_checks_approves_returns_and_pays(contract, admin, staff, services):
    claim = _submitted(contract, admin, services)
    for user in (admin, staff):
        assert _refused(claim_draw_sample, claim=claim, by=user).code == "not_allowed"
        assert _refused(claim_approve, claim=claim, by=user).code == "not_allowed"
        assert _refused(claim_return, claim=claim, reason="x", by=user).code == "not_allowed"
        error = _refused(
            claim_pay, claim=claim, paid_on=date(2026, 12, 1), payment_reference="x", by=user
        )
        assert error.code == "not_allowed"


def _checked_all(claim, officer, outcome=SampleOutcome.CONFIRMED, note=""):
    for item in claim.sample.all():
        claim_sample_check(item=item, outcome=outcome, note=note, by=officer)


def test_approval_waits_for_every_sampled_service_confirmed(contract, admin, officer, services):
    claim = claim_draw_sample(claim=_submitted(contract, admin, services), by=officer)
    assert _refused(claim_approve, claim=claim, by=officer).code == "sample_not_confirmed"
    first, *rest = claim.sample.all()
    error = _refused(
        claim_sample_check, item=first, outcome=SampleOutcome.PROBLEM, note="", by=officer
    )
    assert error.code == "problem_note"
    claim_sample_check(item=first, outcome=SampleOutcome.PROBLEM, note="老人说没来", by=officer)
    assert _refused(claim_approve, claim=claim, by=officer).code == "sample_not_confirmed"
    _checked_all(claim, officer, note="电话回访老人，确认服务属实")
    claim = claim_approve(claim=claim, by=officer)
    assert claim.status == Claim.Status.APPROVED
    assert claim.decided_by == officer
    item = claim.sample.first()
    assert (item.outcome, item.checked_by) == (SampleOutcome.CONFIRMED, officer)


def test_a_claim_cannot_be_approved_before_its_sample(contract, admin, officer, services):
    claim = _submitted(contract, admin, services)
    assert _refused(claim_approve, claim=claim, by=officer).code == "move_refused"


def test_a_returned_claims_services_can_be_claimed_again(
    contract, admin, officer, services, mailoutbox, django_capture_on_commit_callbacks
):
    claim = _submitted(contract, admin, services)
    assert _refused(claim_return, claim=claim, reason=" ", by=officer).code == "reason_required"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_return(claim=claim, reason="11月5日的服务记录有误", by=officer)
    told = [mail for mail in mailoutbox if mail.to == [admin.email]]
    assert len(told) == 1 and "11月5日的服务记录有误" in told[0].body
    assert claim.status == Claim.Status.RETURNED
    assert not Redemption.objects.filter(claim__isnull=False).exists()
    again = _submitted(contract, admin, services)
    assert again.pk != claim.pk
    assert again.total == _sum(again) == Decimal("100.00")


def test_payment_issues_the_settlement_letter_and_tells_the_admins(
    contract, admin, officer, services, mailoutbox, django_capture_on_commit_callbacks
):
    letterhead_settings()
    claim = claim_draw_sample(claim=_submitted(contract, admin, services), by=officer)
    _checked_all(claim, officer)
    claim = claim_approve(claim=claim, by=officer)
    paid_on = timezone.localdate()
    assert (
        _refused(
            claim_pay,
            claim=claim,
            paid_on=paid_on + timedelta(days=1),
            payment_reference="x",
            by=officer,
        ).code
        == "paid_on_future"
    )
    assert (
        _refused(claim_pay, claim=claim, paid_on=paid_on, payment_reference=" ", by=officer).code
        == "reference_required"
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_pay(
            claim=claim, paid_on=paid_on, payment_reference="TR20261205001", by=officer
        )
    assert claim.status == Claim.Status.PAID
    letter = claim.settlement_letter
    assert letter.kind == "voucher_settlement"
    assert letter.reference.startswith("太民养结〔")
    assert letter.amount == Decimal("100.00")
    assert letter.details["amount_capital"] == "壹佰元整"
    assert letter.details["service_count"] == 5
    assert [admin.email] in [mail.to for mail in mailoutbox]
    assert all("11" in mail.subject for mail in mailoutbox)
    assert Letter.objects.filter(kind="voucher_settlement").count() == 1
    assert _refused(claim_return, claim=claim, reason="x", by=officer).code == "move_refused"


def test_the_allowed_moves_table_covers_every_status():
    assert set(Claim.ALLOWED_MOVES) == set(Claim.Status.values)
    assert Claim.ALLOWED_MOVES[Claim.Status.PAID] == set()
