from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from incubator.models import Letter
from tenders.models import Contract, TenderAward, TenderStatus
from tenders.services.awards import (
    awards_finalise,
    tender_award,
)
from tenders.services.challenges import award_challenge_record, award_challenge_resolve
from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    member_of,
    staff_with_role,
    submitted_bid,
    tender_page,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DECIDED_AT = datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI)  # Thursday before Labour Day


@pytest.fixture
def evaluated(index, letterhead):
    """Two scored bids on a tender that closed on 20 April 2026."""
    closed_tender = tender_page(
        index,
        opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=SHANGHAI),
        deadline=datetime(2026, 4, 20, 17, 0, tzinfo=SHANGHAI),
    )
    officer = bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=closed_tender, user=evaluator, by=officer)
    bids = []
    for price in ("200000.00", "250000.00"):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        admin = member_of(organisation, "admin", email=f"{price}@example.org")
        bids.append(
            submitted_bid(
                closed_tender,
                organisation,
                admin,
                price=price,
                now=closed_tender.deadline - timedelta(hours=1),
            )
        )
    conflicts_declare(tender=closed_tender, by=evaluator, lines={b.pk: ("none", "") for b in bids})
    for bid in bids:
        bid_score(
            bid=bid,
            by=evaluator,
            scores={
                c.pk: (Decimal(c.weight - 5), "评语")
                for c in closed_tender.criteria.all()
                if not c.is_price
            },
        )
    return closed_tender, officer, bids


def _award(tender, officer, bid, **overrides):
    values = {
        "tender": tender,
        "bid": bid,
        "amount": Decimal("200000.00"),
        "rationale": "综合得分第一。",
        "contract_starts_on": date(2026, 6, 1),
        "contract_months": 12,
        "deliverables": "每月上门服务不少于八次。",
        "by": officer,
        "now": DECIDED_AT,
        **overrides,
    }
    return tender_award(**values)


def test_the_award_counts_working_days_across_labour_day(
    evaluated, django_capture_on_commit_callbacks
):
    tender, officer, bids = evaluated
    mail.outbox.clear()  # what the setup sent (emails now leave with their change, not on commit)
    with django_capture_on_commit_callbacks(execute=True):
        award = _award(tender, officer, bids[0])
    assert award.notice_ends_on == date(2026, 5, 6)
    assert award.challenge_ends_on == date(2026, 5, 14)
    kinds = sorted(Letter.objects.values_list("kind", flat=True))
    assert kinds == ["tender_award", "tender_regret"]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["200000.00@example.org", "250000.00@example.org"]
    assert tender.status() == TenderStatus.AWARDED


def test_the_award_notice_is_on_the_tender_page_at_once(client, evaluated):
    tender, officer, bids = evaluated
    _award(tender, officer, bids[0])
    html = client.get(tender.url).content.decode()
    assert bids[0].organisation.name in html and "综合得分第一。" in html


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"amount": Decimal("300000.01")}, "ceiling"),
        ({"contract_months": 13}, "long_contract"),
        ({"contract_months": 37, "long_contract_reason": "长期服务"}, "too_long"),
        ({"rationale": " "}, "rationale"),
    ],
)
def test_the_award_is_refused_outside_the_rules(evaluated, overrides, code):
    tender, officer, bids = evaluated
    with pytest.raises(ServiceError) as error:
        _award(tender, officer, bids[0], **overrides)
    assert error.value.code == code


def test_a_contract_of_24_months_needs_a_reason(evaluated):
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0], contract_months=24, long_contract_reason="连续服务")
    assert award.contract_months == 24


def test_finalising_after_the_window_creates_the_contract_once(evaluated):
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    assert awards_finalise(today=award.challenge_ends_on) == []
    contracts = awards_finalise(today=award.challenge_ends_on + timedelta(days=1))
    assert len(contracts) == 1
    contract = contracts[0]
    assert contract.value == Decimal("200000.00")
    assert (contract.starts_on, contract.ends_on) == (date(2026, 6, 1), date(2027, 5, 31))
    assert awards_finalise(today=award.challenge_ends_on + timedelta(days=5)) == []
    award.refresh_from_db()
    assert award.status == TenderAward.Status.FINAL
    call_command("finalise_awards")
    assert Contract.objects.count() == 1


def test_a_challenged_award_is_not_finalised(evaluated):
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    award_challenge_record(
        award=award,
        challenger=bids[1].organisation.name,
        grounds="评分有误",
        received_on=award.notice_ends_on,
        by=officer,
    )
    assert awards_finalise(today=award.challenge_ends_on + timedelta(days=30)) == []
    assert not Contract.objects.exists()


def test_the_bureau_awards_in_the_admin(client, evaluated):
    tender, officer, bids = evaluated
    client.force_login(officer)
    url = reverse("tenders_admin:award", args=[tender.pk])
    assert client.get(url).status_code == 200
    data = {
        "bid": bids[1].pk,
        "amount": "250000.00",
        "rationale": "理由",
        "not_top_ranked_reason": "第一名放弃。",
        "contract_starts_on": "2026-12-01",
        "contract_months": "12",
        "deliverables": "服务",
    }
    confirming = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert confirming.status_code == 200
    html = confirming.content.decode()
    assert "Nothing has changed yet." in html and "¥250,000.00" in html
    assert 'name="confirmed"' in html
    assert not TenderAward.objects.exists()
    changing = client.post(url, {**data, "change": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert 'name="confirmed"' not in changing.content.decode()
    assert "第一名放弃。" in changing.content.decode()
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert TenderAward.objects.get().bid == bids[1]


def test_a_dismissed_challenge_lets_the_award_become_final(evaluated):
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    award_challenge_record(
        award=award,
        challenger="乙",
        grounds="评分有误",
        received_on=award.notice_ends_on,
        by=officer,
    )
    award_challenge_resolve(award=award, upheld=False, note="复核无误", by=officer)
    assert len(awards_finalise(today=award.challenge_ends_on + timedelta(days=1))) == 1


def test_an_upheld_challenge_sets_the_award_aside_and_the_tender_can_be_awarded_again(evaluated):
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    award_challenge_record(
        award=award,
        challenger="乙",
        grounds="价格计算错误",
        received_on=award.notice_ends_on,
        by=officer,
    )
    award_challenge_resolve(award=award, upheld=True, note="质疑成立", by=officer)
    award.refresh_from_db()
    assert award.status == TenderAward.Status.SET_ASIDE
    again = _award(
        tender, officer, bids[1], amount=Decimal("250000.00"), not_top_ranked_reason="质疑成立"
    )
    assert again.pk != award.pk
