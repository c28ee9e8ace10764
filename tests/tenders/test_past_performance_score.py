"""Past performance as a scored criterion: computed from the bidder's graded contract periods
accepted by the deadline, for periods ended in the two years before it; a bidder without any
scores the stated neutral share; evaluators never score it, and the ranking adds it."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from tenders.models import Contract, ContractReport, Grade
from tenders.services.evaluation import (
    bid_score,
    conflicts_declare,
    evaluation_results,
    evaluator_assign,
)
from tenders.services.past_performance import (
    History,
    past_performance_histories,
    past_performance_score,
)
from tenders.todo.evaluation import evaluations_finished
from tests.factories import (
    awarded,
    bidder,
    bureau_officer,
    staff_with_role,
    submitted_bid,
    tender_page,
)

pytestmark = pytest.mark.django_db

CRITERIA = [("服务方案", 50, False), ("履约评价", 20, False, True), ("价格", 30, True)]


def period(contract, number, *, score, ended_days_ago, status="accepted", decided_days_ago=None):
    """A report of ``contract`` whose period ended ``ended_days_ago`` days ago, with ``score``
    (graded as the bureau grades it) and, when accepted, decided some days after its end."""
    end = timezone.localdate() - timedelta(days=ended_days_ago)
    accepted = status == ContractReport.Status.ACCEPTED
    if decided_days_ago is None:
        decided_days_ago = max(ended_days_ago - 10, 2)
    score = Decimal(score)
    grade = next(
        grade
        for floor, grade in (
            (90, Grade.EXCELLENT),
            (80, Grade.GOOD),
            (60, Grade.FAIR),
            (0, Grade.POOR),
        )
        if score >= floor
    )
    return ContractReport.objects.create(
        contract=contract,
        number=number,
        period_starts_on=end - timedelta(days=30),
        period_ends_on=end,
        due_on=end + timedelta(days=5),
        status=status,
        decided_at=timezone.now() - timedelta(days=decided_days_ago) if accepted else None,
        score=score if accepted else None,
        grade=grade if accepted else "",
    )


@pytest.fixture
def provider(index):
    """An organisation with a contract (won on an earlier tender) and its administrator."""
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    admin = contract.organisation.memberships.get(role="admin", ended_at__isnull=True).user
    return contract, admin


def closed_tender(index):
    now = timezone.now()
    opens_at, deadline = now - timedelta(days=20), now - timedelta(days=1)
    return tender_page(index, opens_at=opens_at, deadline=deadline, criteria=CRITERIA)


def test_the_score_is_the_weight_times_the_mean_period_score():
    history = History(periods=2, mean=(Decimal("95.00") + Decimal("40.00")) / 2)
    assert past_performance_score(history=history, weight=20) == Decimal("13.50")
    assert past_performance_score(history=History(3, Decimal("250") / 3), weight=15) == Decimal(
        "12.50"
    )
    assert past_performance_score(history=History(1, Decimal("66.67")), weight=15) == Decimal(
        "10.00"
    )


def test_an_organisation_without_graded_history_scores_60_per_cent_of_the_weight():
    assert past_performance_score(history=None, weight=20) == Decimal("12.00")
    assert past_performance_score(history=None, weight=15) == Decimal("9.00")


def test_only_accepted_periods_of_the_two_years_before_the_deadline_count(index, provider):
    contract, _admin = provider
    tender = closed_tender(index)
    period(contract, 1, score="95", ended_days_ago=100)  # 优, counts
    period(contract, 2, score="40", ended_days_ago=400)  # 差, counts
    period(contract, 3, score="100", ended_days_ago=2 * 366 + 20)  # too old
    period(contract, 4, score="10", ended_days_ago=60, status="submitted")  # not accepted
    period(contract, 5, score="10", ended_days_ago=70, status="returned")  # not accepted
    # Accepted after the deadline: the history is read as it stood when bids closed.
    period(contract, 6, score="0", ended_days_ago=30, decided_days_ago=0)
    histories = past_performance_histories(
        organisation_ids=[contract.organisation_id], deadline=tender.deadline
    )
    assert histories == {contract.organisation_id: History(2, Decimal("67.5"))}
    assert past_performance_score(
        history=histories[contract.organisation_id], weight=20
    ) == Decimal("13.50")


def _evaluate(tender, bids):
    """One evaluator declares and scores the judged criterion of every bid."""
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())
    conflicts_declare(tender=tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids})
    plan = tender.criteria.get(name="服务方案")
    for bid in bids:
        bid_score(bid=bid, by=evaluator, scores={plan.pk: (Decimal("40"), "方案可行")})
    return evaluator


def test_evaluators_score_only_the_judged_criteria_and_the_ranking_adds_past_performance(
    client, index, provider
):
    contract, admin = provider
    period(contract, 1, score="95", ended_days_ago=100)
    period(contract, 2, score="40", ended_days_ago=400)
    tender = closed_tender(index)
    newcomer, newcomer_admin = bidder("太仓市新成立社工服务社")
    before = tender.deadline - timedelta(hours=2)
    # The provider bids last at the same price: only past performance can rank it first.
    bids = [
        submitted_bid(
            tender, newcomer, newcomer_admin, price="200000.00", now=before - timedelta(hours=1)
        ),
        submitted_bid(tender, contract.organisation, admin, price="200000.00", now=before),
    ]
    bids.reverse()  # the provider's bid first below
    past = tender.criteria.get(is_past_performance=True)
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())
    conflicts_declare(tender=tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids})
    # The score form asks for the judged criterion only, and says why.
    client.force_login(evaluator)
    page = client.get(reverse("tenders_admin:score", args=[bids[0].pk])).content.decode()
    assert f"score_{tender.criteria.get(name='服务方案').pk}" in page
    assert f"score_{past.pk}" not in page
    assert "无需您打分" in page  # the back office speaks Chinese
    plan = tender.criteria.get(name="服务方案")
    with pytest.raises(ServiceError) as error:
        bid_score(
            bid=bids[0],
            by=evaluator,
            scores={plan.pk: (Decimal(40), "可"), past.pk: (Decimal(20), "好")},
        )
    assert error.value.code == "incomplete"
    for bid in bids:
        bid_score(bid=bid, by=evaluator, scores={plan.pk: (Decimal("40"), "方案可行")})
    # Finished without anyone scoring past performance, in the task list as in the results.
    assert evaluations_finished([tender.tender_id]) == {tender.tender_id}
    results = evaluation_results(tender=tender)
    assert results.finished and results.past_performance
    by_bid = {row.bid.pk: row for row in results.rows}
    assert by_bid[bids[0].pk].past_performance == Decimal("13.50")
    assert by_bid[bids[0].pk].past_periods == 2
    assert by_bid[bids[1].pk].past_performance == Decimal("12.00")
    assert by_bid[bids[1].pk].past_periods == 0
    # Technical 40 + price 30 + past performance.
    assert by_bid[bids[0].pk].total == Decimal("83.50")
    assert by_bid[bids[1].pk].total == Decimal("82.00")
    assert [row.bid.pk for row in results.rows] == [bids[0].pk, bids[1].pk]
    # A grade accepted later changes nothing in the ranking.
    period(contract, 3, score="0", ended_days_ago=20, decided_days_ago=0)
    assert evaluation_results(tender=tender).rows[0].total == Decimal("83.50")
    # The bureau's screens show the computed score beside the price score.
    client.force_login(bureau_officer())
    page = client.get(reverse("tenders_admin:tender", args=[tender.tender_id])).content.decode()
    assert "履约评价分" in page and "13.50" in page and "按中性分计" in page


def test_the_results_cost_the_same_queries_with_one_bidder_or_many(index, provider):
    contract, admin = provider
    period(contract, 1, score="85", ended_days_ago=100)
    counts = []
    for others in (0, 3):
        tender = closed_tender(index)
        before = tender.deadline - timedelta(hours=2)
        bids = [submitted_bid(tender, contract.organisation, admin, now=before)]
        for n in range(others):
            organisation, member = bidder(f"太仓市第{tender.pk}-{n}社工服务社")
            bids.append(submitted_bid(tender, organisation, member, now=before))
        _evaluate(tender, bids)
        with CaptureQueriesContext(connection) as queries:
            results = evaluation_results(tender=tender)
        assert results.finished and len(results.rows) == others + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]
