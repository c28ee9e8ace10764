"""Tender items tell who they wait for, and that is done once they are handled: a recorded
challenge reaches the tender officers (not evaluators, not bidders) until it is resolved; an
evaluator's assignment is done once the tender is awarded; a question to the bureau is done
once it is answered."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from incubator.kernel.roles import Role
from incubator.models import Notification
from tenders.services.awards import tender_award
from tenders.services.challenges import award_challenge_record, award_challenge_resolve
from tenders.services.clarifications import clarification_answer, clarification_ask
from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign
from tests.factories import (
    OrganisationFactory,
    awarded,
    bureau_officer,
    incubation_for,
    member_of,
    staff_with_role,
    submitted_bid,
    tender_page,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def open_about(item_key: str, kind: str) -> set:
    return set(
        Notification.objects.filter(
            item_key=item_key, kind=f"tenders/email/{kind}", done_at__isnull=True
        ).values_list("user__username", flat=True)
    )


def test_a_challenge_reaches_the_tender_officers_until_it_is_resolved(index):
    officer, colleague = bureau_officer(), bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR)
    tender, bids = awarded(index, final=False)
    award = tender.tender.awards.get()
    award_challenge_record(
        award=award,
        challenger="乙方",
        grounds="评分有误",
        received_on=award.notice_ends_on,
        by=officer,
    )
    key = f"tenders.tenderaward:{award.pk}"
    assert open_about(key, "queue_challenge") == {officer.username, colleague.username}
    assert evaluator.username not in open_about(key, "queue_challenge")
    bidder_admin = bids[1].organisation.memberships.get().user
    assert not Notification.objects.filter(user=bidder_admin, kind__endswith="challenge").exists()
    notification = Notification.objects.get(user=colleague, kind__endswith="queue_challenge")
    assert notification.title_en == f"Challenge to resolve: tender {tender.reference}"

    award_challenge_resolve(award=award, upheld=False, note="复核无误", by=officer)
    assert open_about(key, "queue_challenge") == set()


def test_an_evaluators_assignment_is_done_once_the_tender_is_awarded(index, letterhead):
    tender = tender_page(
        index,
        opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=SHANGHAI),
        deadline=datetime(2026, 4, 20, 17, 0, tzinfo=SHANGHAI),
    )
    officer = bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=evaluator, by=officer)
    key = f"tenders.tender:{tender.tender.pk}"
    assert open_about(key, "evaluator_assigned") == {evaluator.username}
    bids = []
    for price in ("200000.00", "250000.00"):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        bids.append(
            submitted_bid(
                tender,
                organisation,
                member_of(organisation, "admin"),
                price=price,
                now=tender.deadline - timedelta(hours=1),
            )
        )
    conflicts_declare(tender=tender, by=evaluator, lines={b.pk: ("none", "") for b in bids})
    for bid in bids:
        bid_score(
            bid=bid,
            by=evaluator,
            scores={
                c.pk: (Decimal(c.weight - 5), "评语")
                for c in tender.criteria.all()
                if not c.is_price
            },
        )
    assert open_about(key, "evaluator_assigned") == {evaluator.username}
    tender_award(
        tender=tender,
        bid=bids[0],
        amount=Decimal("200000.00"),
        rationale="综合得分第一。",
        contract_starts_on=date(2026, 6, 1),
        contract_months=12,
        deliverables="每月上门服务不少于八次。",
        by=officer,
        now=datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI),
    )
    assert open_about(key, "evaluator_assigned") == set()


def test_a_question_is_done_for_every_officer_once_answered(open_tender, organisation, org_admin):
    officer, colleague = bureau_officer(), bureau_officer()
    question = clarification_ask(
        tender=open_tender, organisation=organisation, question="是否需要资质证明？", by=org_admin
    )
    key = f"tenders.tenderclarification:{question.pk}"
    assert open_about(key, "question_asked") == {officer.username, colleague.username}
    clarification_answer(clarification=question, answer="需要登记证书。", by=colleague)
    assert open_about(key, "question_asked") == set()


def test_evaluators_hear_once_that_the_bids_have_closed(index):
    from django.utils import timezone

    from incubator.incubation.reminders import send_reminders

    now = timezone.now()
    officer = bureau_officer()
    evaluator, unassigned = staff_with_role(Role.EVALUATOR), staff_with_role(Role.EVALUATOR)
    closed = tender_page(
        index, opens_at=now - timedelta(days=20), deadline=now - timedelta(hours=2)
    )
    long_closed = tender_page(
        index, opens_at=now - timedelta(days=40), deadline=now - timedelta(days=10)
    )
    for tender in (closed, long_closed):
        evaluator_assign(tender=tender, user=evaluator, by=officer)
    assert send_reminders(now) == 1
    assert send_reminders(now + timedelta(hours=1)) == 0
    key = f"tenders.tender:{closed.tender.pk}"
    assert open_about(key, "queue_evaluate") == {evaluator.username}
    assert not Notification.objects.filter(user=unassigned).exists()
    assert open_about(f"tenders.tender:{long_closed.tender.pk}", "queue_evaluate") == set()
