from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from tenders.models import EvaluatorDeclaration
from tenders.services.bids import bid_disqualify
from tenders.services.evaluation import (
    bid_score,
    conflicts_declare,
    evaluation_results,
    evaluator_assign,
    price_score,
)
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    member_of,
    staff_with_role,
    submitted_bid,
)


def test_price_score_is_lowest_over_price_times_weight_to_two_places():
    assert price_score(lowest=Decimal("200000"), price=Decimal("200000"), weight=30) == Decimal(
        "30.00"
    )
    assert price_score(lowest=Decimal("200000"), price=Decimal("240000"), weight=30) == Decimal(
        "25.00"
    )
    assert price_score(lowest=Decimal("200000"), price=Decimal("270000"), weight=30) == Decimal(
        "22.22"
    )
    assert price_score(lowest=Decimal("100"), price=Decimal("300"), weight=10) == Decimal("3.33")


@pytest.fixture
def evaluation(closed_tender):
    """Three bids on a closed tender, two assigned evaluators, one officer."""
    officer = bureau_officer()
    bids = []
    for price in ("200000.00", "240000.00", "250000.00"):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        admin = member_of(organisation, "admin")
        bids.append(
            submitted_bid(
                closed_tender,
                organisation,
                admin,
                price=price,
                now=closed_tender.deadline - timedelta(hours=2),
            )
        )
    evaluators = [staff_with_role(Role.EVALUATOR) for _ in range(2)]
    for evaluator in evaluators:
        evaluator_assign(tender=closed_tender, user=evaluator, by=officer)
    criteria = {c.name: c for c in closed_tender.criteria.all()}
    return closed_tender, officer, bids, evaluators, criteria


def _declare_none(tender, evaluator, bids):
    conflicts_declare(tender=tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids})


def _score(bid, evaluator, criteria, plan, team):
    bid_score(
        bid=bid,
        by=evaluator,
        scores={
            criteria["服务方案"].pk: (Decimal(plan), "好"),
            criteria["团队与经验"].pk: (Decimal(team), "可"),
        },
    )


def test_totals_and_ranking_appear_once_every_evaluator_has_finished(evaluation):
    tender, _officer, bids, (first, second), criteria = evaluation
    for evaluator in (first, second):
        _declare_none(tender, evaluator, bids)
    _score(bids[0], first, criteria, "30", "10")
    _score(bids[1], first, criteria, "45", "18")
    _score(bids[2], first, criteria, "40", "15")
    assert not evaluation_results(tender=tender).finished
    _score(bids[0], second, criteria, "34", "12")
    _score(bids[1], second, criteria, "47", "19")
    _score(bids[2], second, criteria, "42", "16")
    results = evaluation_results(tender=tender)
    assert results.finished
    by_bid = {row.bid.pk: row for row in results.rows}
    # Technical: mean of (30+10, 34+12) = 43; price 30.00 (the lowest).
    assert by_bid[bids[0].pk].technical == Decimal("43.00")
    assert by_bid[bids[0].pk].total == Decimal("73.00")
    # Technical: mean of (63, 66) = 64.5; price 200000/240000*30 = 25.00.
    assert by_bid[bids[1].pk].total == Decimal("89.50")
    # Technical: mean of (55, 58) = 56.5; price 200000/250000*30 = 24.00.
    assert by_bid[bids[2].pk].total == Decimal("80.50")
    assert [row.bid.pk for row in results.rows] == [bids[1].pk, bids[2].pk, bids[0].pk]
    assert [row.rank for row in results.rows] == [1, 2, 3]


def test_a_declared_conflict_recuses_the_evaluator_from_the_whole_tender(evaluation, client):
    tender, _officer, bids, (first, second), criteria = evaluation
    lines = {bid.pk: ("none", "") for bid in bids}
    lines[bids[2].pk] = ("family", "配偶是法定代表人")
    declaration = conflicts_declare(tender=tender, by=first, lines=lines)
    assert declaration.recused
    client.force_login(first)
    for bid in bids:
        assert client.get(reverse("tenders_admin:bid", args=[bid.pk])).status_code == 404
    with pytest.raises(ServiceError):
        _score(bids[0], first, criteria, "30", "10")
    _declare_none(tender, second, bids)
    for bid in bids:
        _score(bid, second, criteria, "30", "10")
    results = evaluation_results(tender=tender)
    assert results.finished and results.recused == [first]


def test_scores_stay_within_the_criterion_range(evaluation):
    tender, _officer, bids, (first, _second), criteria = evaluation
    _declare_none(tender, first, bids)
    with pytest.raises(ServiceError) as error:
        _score(bids[0], first, criteria, "51", "10")
    assert error.value.code == "out_of_range"


def test_the_declaration_must_cover_every_bidder(evaluation):
    tender, _officer, bids, (first, _second), _criteria = evaluation
    with pytest.raises(ServiceError) as error:
        conflicts_declare(tender=tender, by=first, lines={bids[0].pk: ("none", "")})
    assert error.value.code == "incomplete"


def test_a_disqualified_bid_is_left_out_of_the_price_formula(evaluation):
    tender, officer, bids, (first, second), criteria = evaluation
    bid_disqualify(bid=bids[0], reason="缺少资质证明", by=officer)
    for evaluator in (first, second):
        _declare_none(tender, evaluator, bids)
        for bid in bids[1:]:
            _score(bid, evaluator, criteria, "40", "15")
    rows = evaluation_results(tender=tender).rows
    assert [row.price for row in rows] == [Decimal("30.00"), Decimal("28.80")]


def test_the_bureau_assigns_and_the_evaluator_declares_in_the_admin(evaluation, client):
    tender, officer, bids, _evaluators, _criteria = evaluation
    third = staff_with_role(Role.EVALUATOR)
    client.force_login(officer)
    response = client.post(reverse("tenders_admin:assign", args=[tender.pk]), {"user": third.pk})
    assert response.status_code == 302
    client.force_login(third)
    data = {f"ground_{bid.pk}": "none" for bid in bids}
    response = client.post(reverse("tenders_admin:declare", args=[tender.pk]), data)
    assert response.status_code == 302
    assert client.get(reverse("tenders_admin:bid", args=[bids[0].pk])).status_code == 200


def test_the_declaration_form_has_no_default_answer(evaluation, client):
    tender, officer, bids, _evaluators, _criteria = evaluation
    third = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=third, by=officer)
    client.force_login(third)
    url = reverse("tenders_admin:declare", args=[tender.pk])
    html = client.get(url).content.decode()
    assert 'value="none" selected' not in html
    assert 'value="" selected' in html
    response = client.post(url, {})
    assert response.status_code == 200
    assert not EvaluatorDeclaration.objects.filter(tender=tender.tender, evaluator=third).exists()


def test_the_evaluator_scores_in_the_admin_and_the_bureau_sees_the_ranking(evaluation, client):
    tender, officer, bids, (first, second), criteria = evaluation
    for evaluator in (first, second):
        _declare_none(tender, evaluator, bids)
        for bid in bids[1:]:
            _score(bid, evaluator, criteria, "40", "15")
    client.force_login(first)
    url = reverse("tenders_admin:score", args=[bids[0].pk])
    assert client.get(url).status_code == 200
    data = {
        f"score_{criteria['服务方案'].pk}": "45",
        f"comment_{criteria['服务方案'].pk}": "详实",
        f"score_{criteria['团队与经验'].pk}": "18",
        f"comment_{criteria['团队与经验'].pk}": "经验丰富",
    }
    assert client.post(url, data).status_code == 302
    client.force_login(second)
    assert client.post(reverse("tenders_admin:score", args=[bids[0].pk]), data).status_code == 302
    client.force_login(officer)
    html = client.get(reverse("tenders_admin:tender", args=[tender.pk])).content.decode()
    # 45 + 18 = 63 technical and the lowest price (30.00): 93.00, ranked first.
    assert "93.00" in html
    assert reverse("tenders_admin:award", args=[tender.pk]) in html
