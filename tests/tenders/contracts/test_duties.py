"""The bureau's own deadlines: sign within 30 days of the award notice, publish within 2
working days of signing, answer a challenge within 7 working days; met, late or open, and
how many days late; read in a fixed number of queries."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from incubator.kernel.calendar import add_working_days
from tenders.duties import contract_duties, open_duties
from tenders.models import AwardChallenge, Contract, TenderAward
from tenders.services.challenges import award_challenge_resolve
from tenders.services.contracts import contract_publish, contract_sign
from tests.factories import awarded

pytestmark = pytest.mark.django_db


def _decided_days_ago(contract, days):
    decided_at = timezone.now() - timedelta(days=days)
    TenderAward.objects.filter(pk=contract.award_id).update(decided_at=decided_at)
    contract.award.decided_at = decided_at
    return timezone.localdate(decided_at)


def test_signing_is_due_30_days_after_the_award_notice(contract):
    sign = contract_duties(contract)[0]
    decided_on = timezone.localdate(contract.award.decided_at)
    assert sign.kind == "sign" and sign.due_on == decided_on + timedelta(days=30)
    assert sign.state == "open" and sign.days_late == 0


def test_a_contract_signed_on_day_30_met_its_deadline(contract, officer):
    decided_on = _decided_days_ago(contract, 30)
    contract_sign(contract=contract, signed_on=decided_on + timedelta(days=30), by=officer)
    contract.refresh_from_db()
    sign = contract_duties(contract)[0]
    assert sign.state == "met" and sign.days_late == 0


def test_a_late_signing_counts_the_days_late(contract, officer):
    decided_on = _decided_days_ago(contract, 40)
    sign = contract_duties(contract)[0]
    assert sign.state == "overdue" and sign.days_late == 10
    contract_sign(contract=contract, signed_on=decided_on + timedelta(days=33), by=officer)
    contract.refresh_from_db()
    sign = contract_duties(contract)[0]
    assert sign.state == "late" and sign.days_late == 3


def test_publication_is_due_two_working_days_after_signing(contract, officer):
    _decided_days_ago(contract, 20)
    signed_on = timezone.localdate() - timedelta(days=10)
    contract_sign(contract=contract, signed_on=signed_on, by=officer)
    contract.refresh_from_db()
    publish = contract_duties(contract)[1]
    due = add_working_days(signed_on, 2)
    assert publish.due_on == due and publish.state == "overdue"
    contract_publish(contract=contract, by=officer)
    contract.refresh_from_db()
    publish = contract_duties(contract)[1]
    assert publish.state == "late"
    assert publish.days_late == (timezone.localdate() - due).days


def test_a_challenge_is_answered_within_7_working_days(contract, officer):
    award = contract.award
    received_on = timezone.localdate() - timedelta(days=1)
    TenderAward.objects.filter(pk=award.pk).update(status=TenderAward.Status.CHALLENGED)
    challenge = AwardChallenge.objects.create(
        award=award,
        challenger="某机构",
        grounds="评分有误。",
        received_on=received_on,
        recorded_at=timezone.now(),
        recorded_by=officer,
    )
    [duty] = [duty for duty in open_duties() if duty.kind == "answer"]
    assert duty.record == challenge and duty.due_on == add_working_days(received_on, 7)
    award.refresh_from_db()
    award_challenge_resolve(award=award, upheld=False, note="评分无误。", by=officer)
    challenge.refresh_from_db()
    assert challenge.answered_on == timezone.localdate()
    assert not [duty for duty in open_duties() if duty.kind == "answer"]


def test_open_duties_cost_three_queries_whatever_their_number(index, contract, officer):
    open_duties()  # the calendar's cache
    with CaptureQueriesContext(connection) as few:
        assert len(open_duties()) == 1
    for _ in range(3):
        tender, _bids = awarded(index)
        contract_sign(
            contract=Contract.objects.get(tender=tender.tender),
            signed_on=timezone.localdate(),
            by=officer,
        )
    open_duties()  # the calendar's cache, now that working days are counted
    with CaptureQueriesContext(connection) as many:
        assert len(open_duties()) == 4
    assert len(few) == len(many) == 3
