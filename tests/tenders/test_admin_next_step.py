"""The back office says what to do next: a tender's page shows its main transition as the
primary button (for bureau officers only), and the award form shows the ranking with the
top-ranked bid chosen, or what blocks the award before anything is filled in."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest

from incubator.kernel.roles import Role
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
pytestmark = pytest.mark.django_db


def _primary(html: str) -> str | None:
    found = re.search(r'<a class="button button-primary" data-next-step href="([^"]+)"', html)
    return found.group(1) if found else None


@pytest.fixture
def scene(index):
    """A tender that closed in April 2026 with two bids, the dearer one submitted first; an
    evaluator assigned who has declared but not yet scored."""
    tender = tender_page(
        index,
        opens_at=datetime(2026, 4, 1, 9, 0, tzinfo=SHANGHAI),
        deadline=datetime(2026, 4, 20, 17, 0, tzinfo=SHANGHAI),
    )
    officer = bureau_officer()
    evaluator = staff_with_role(Role.EVALUATOR, first_name="评审", last_name="李")
    evaluator_assign(tender=tender, user=evaluator, by=officer)
    bids = []
    for price in ("250000.00", "200000.00"):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        admin = member_of(organisation, "admin")
        bids.append(
            submitted_bid(
                tender, organisation, admin, price=price, now=tender.deadline - timedelta(hours=1)
            )
        )
    conflicts_declare(tender=tender, by=evaluator, lines={b.pk: ("none", "") for b in bids})
    return tender, officer, evaluator, bids


def _score_all(tender, evaluator, bids):
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


def test_a_new_tender_asks_the_officer_to_assign_evaluators(client, open_tender):
    client.force_login(bureau_officer())
    html = client.get(reverse("tenders_admin:tender", args=[open_tender.pk])).content.decode()
    assert _primary(html) == reverse("tenders_admin:assign", args=[open_tender.pk])


def test_once_scored_the_primary_button_awards_for_officers_only(client, scene):
    tender, officer, evaluator, bids = scene
    _score_all(tender, evaluator, bids)
    url = reverse("tenders_admin:tender", args=[tender.pk])
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert _primary(html) == reverse("tenders_admin:award", args=[tender.pk])
    client.force_login(evaluator)
    html = client.get(url).content.decode()
    assert _primary(html) is None
    assert reverse("tenders_admin:award", args=[tender.pk]) not in html


def test_an_evaluator_is_asked_to_declare_after_the_deadline(client, closed_tender):
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=closed_tender, user=evaluator, by=bureau_officer())
    client.force_login(evaluator)
    html = client.get(reverse("tenders_admin:tender", args=[closed_tender.pk])).content.decode()
    assert _primary(html) == reverse("tenders_admin:declare", args=[closed_tender.pk])


def test_the_award_form_ranks_the_bids_and_chooses_the_top_one(client, scene):
    tender, officer, evaluator, bids = scene
    _score_all(tender, evaluator, bids)
    client.force_login(officer)
    html = client.get(reverse("tenders_admin:award", args=[tender.pk])).content.decode()
    ranking = re.search(r"<table class=\"listing\" data-award-ranking>.*?</table>", html, re.S)
    names = [bid.organisation.name for bid in bids]
    table = ranking.group(0)
    # The cheaper bid (submitted second) ranks first on the price score.
    assert table.index(names[1]) < table.index(names[0])
    options = re.findall(r'<option value="(\d+)"( selected)?>', html)
    assert options == [(str(bids[1].pk), " selected"), (str(bids[0].pk), "")]
    assert "第1名：" in html and "第2名：" in html  # the back office speaks Chinese by default
    assert "data-award-blockers" not in html


def test_the_award_form_says_what_blocks_it_before_anything_is_filled_in(client, scene):
    tender, officer, evaluator, _ = scene
    client.force_login(officer)
    html = client.get(reverse("tenders_admin:award", args=[tender.pk])).content.decode()
    assert "data-award-blockers" in html
    assert "1名评审专家尚未完成" in html
    assert 'name="rationale"' not in html


def test_the_award_form_says_an_award_stands_during_the_challenge_period(client, scene, letterhead):
    from tests.tenders.test_awards import _award

    tender, officer, evaluator, bids = scene
    _score_all(tender, evaluator, bids)
    _award(tender, officer, bids[1])
    client.force_login(officer)
    html = client.get(reverse("tenders_admin:award", args=[tender.pk])).content.decode()
    assert "data-award-blockers" in html and "本项目已定标" in html
    assert (
        _primary(client.get(reverse("tenders_admin:tender", args=[tender.pk])).content.decode())
        is None
    )
