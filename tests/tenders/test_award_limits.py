"""The award may not exceed the chosen bid's price, and choosing a bid other than the
top-ranked one needs a written reason that stays in the award's history."""

from decimal import Decimal

from django.urls import reverse

import pytest

from incubator.kernel.errors import ServiceError
from tenders.models import TenderAward
from tests.tenders.test_awards import _award, evaluated  # noqa: F401  (fixture)


def test_the_award_may_not_exceed_the_winning_bid(evaluated):  # noqa: F811
    tender, officer, bids = evaluated
    with pytest.raises(ServiceError) as error:
        _award(tender, officer, bids[0], amount=Decimal("200000.01"))
    assert error.value.code == "over_bid"
    assert "¥200,000.00" in str(error.value.message)
    assert not TenderAward.objects.exists()


def test_the_award_form_refuses_a_value_above_the_bid_and_keeps_what_was_typed(
    client,
    evaluated,  # noqa: F811
):
    tender, officer, bids = evaluated
    client.force_login(officer)
    response = client.post(
        reverse("tenders_admin:award", args=[tender.pk]),
        {
            "bid": bids[0].pk,
            "amount": "215000.00",
            "rationale": "综合得分第一。",
            "contract_starts_on": "2026-12-01",
            "contract_months": "12",
            "deliverables": "服务",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "may not exceed the chosen bid&#x27;s price of ¥200,000.00" in response.content.decode()
    assert "综合得分第一。" in response.content.decode()
    assert not TenderAward.objects.exists()


def test_choosing_a_bid_not_ranked_first_needs_a_reason(evaluated):  # noqa: F811
    tender, officer, bids = evaluated
    with pytest.raises(ServiceError) as error:
        _award(tender, officer, bids[1], amount=Decimal("250000.00"))
    assert error.value.code == "not_top_ranked"
    assert bids[0].organisation.name in str(error.value.message)


def test_the_reason_for_passing_over_the_top_bid_is_recorded_and_in_the_history(
    client,
    evaluated,  # noqa: F811
):
    tender, officer, bids = evaluated
    award = _award(
        tender,
        officer,
        bids[1],
        amount=Decimal("250000.00"),
        not_top_ranked_reason="第一名放弃中标资格。",
    )
    assert award.not_top_ranked_reason == "第一名放弃中标资格。"
    client.force_login(officer)
    history = client.get(
        reverse("wagtailadmin_pages:history_results", args=[tender.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "第一名放弃中标资格。" in history
    assert f"chosen over the top-ranked {bids[0].organisation.name}" in history
    page = client.get(reverse("tenders_admin:tender", args=[tender.pk])).content.decode()
    assert "第一名放弃中标资格。" in page


def test_the_top_ranked_bid_needs_no_reason(evaluated):  # noqa: F811
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0], not_top_ranked_reason="无关")
    assert award.not_top_ranked_reason == ""
