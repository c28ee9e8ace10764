"""Tender items of the task lists: an organisation's open tenders, drafts and submitted bids;
an evaluator's declarations and bids to score; a bureau officer's tenders waiting for
evaluators and questions to answer. Own items only, gone once handled, a constant number of
queries, and never a sealed bid before its deadline."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.kernel.roles import Role
from tenders.services.clarifications import clarification_answer, clarification_ask
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

pytestmark = pytest.mark.django_db


def _section(html: str, kind: str, *, admin: bool = False) -> str:
    if admin:
        html = html.split('id="dashboard-todo-section"')[1].split('<section class="w-panel')[0]
        return html.split(f'id="todo-{kind}"')[1].split("</section>")[0]
    return html.split(f'id="todo-{kind}"')[1].split("</div>")[0]


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def _bidders(tender, count: int):
    bids = []
    for _ in range(count):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        admin = member_of(organisation, "admin")
        bids.append(
            submitted_bid(tender, organisation, admin, now=tender.deadline - timedelta(hours=2))
        )
    return bids


def test_an_open_tender_is_coming_until_the_organisation_bids(client, open_tender, org_admin):
    coming = _section(_page(client, org_admin, "/en/portal/"), "coming")
    assert f"Open tender: {open_tender.title}" in coming
    assert reverse("tenders_portal:bid", args=[open_tender.pk]) in coming
    submitted_bid(open_tender, org_admin.memberships.get().organisation, org_admin)
    html = _page(client, org_admin, "/en/portal/")
    assert open_tender.title not in _section(html, "coming")
    waiting = _section(html, "waiting")
    assert f"Result of your bid for {open_tender.title}" in waiting
    assert reverse("tenders_portal:bid", args=[open_tender.pk]) in waiting


def test_another_organisations_bid_never_appears(client, open_tender, org_admin):
    other = OrganisationFactory()
    incubation_for(other)
    submitted_bid(open_tender, other, member_of(other, "admin"))
    html = _page(client, org_admin, "/en/portal/")
    assert "Result of your bid" not in html
    assert f"Open tender: {open_tender.title}" in _section(html, "coming")


def test_an_evaluator_declares_then_scores_then_is_done(client, closed_tender):
    officer = bureau_officer()
    bids = _bidders(closed_tender, 2)
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=closed_tender, user=evaluator, by=officer)
    now = _section(_page(client, evaluator, "/admin/"), "now", admin=True)
    assert reverse("tenders_admin:declare", args=[closed_tender.tender_id]) in now
    assert "/score/" not in now
    conflicts_declare(
        tender=closed_tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids}
    )
    now = _section(_page(client, evaluator, "/admin/"), "now", admin=True)
    assert "/declare/" not in now
    for bid in bids:
        assert reverse("tenders_admin:score", args=[bid.pk]) in now
    criteria = [c for c in closed_tender.criteria.all() if not c.is_price]
    bid_score(bid=bids[0], by=evaluator, scores={c.pk: (Decimal(1), "可") for c in criteria})
    now = _section(_page(client, evaluator, "/admin/"), "now", admin=True)
    assert reverse("tenders_admin:score", args=[bids[0].pk]) not in now
    assert reverse("tenders_admin:score", args=[bids[1].pk]) in now


def test_an_unassigned_evaluator_sees_nothing_but_what_will_come(client, closed_tender):
    _bidders(closed_tender, 1)
    panel = _page(client, staff_with_role(Role.EVALUATOR), "/admin/")
    now = _section(panel, "now", admin=True)
    assert "No bids to score. A tender assigned to you appears here" in now
    assert "/declare/" not in panel and "/score/" not in panel


def test_an_assigned_open_tender_is_coming_for_its_evaluator_and_its_bids_stay_sealed(
    client, open_tender, org_admin
):
    submitted_bid(open_tender, org_admin.memberships.get().organisation, org_admin)
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=open_tender, user=evaluator, by=bureau_officer())
    panel = _page(client, evaluator, "/admin/")
    coming = _section(panel, "coming", admin=True)
    assert f"Evaluate {open_tender.title} after its deadline" in coming
    assert "/score/" not in panel and "/declare/" not in panel


def _declared_tender(index, evaluator, bidders: int):
    now = timezone.now()
    tender = tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(1))
    bids = _bidders(tender, bidders)
    evaluator_assign(tender=tender, user=evaluator, by=bureau_officer())
    conflicts_declare(tender=tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids})


def test_the_evaluators_list_costs_the_same_queries_with_one_bid_or_many(client, index):
    evaluator = staff_with_role(Role.EVALUATOR)
    _declared_tender(index, evaluator, 1)
    client.force_login(evaluator)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/")
    _declared_tender(index, evaluator, 11)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(many) == len(one)
    assert "and 2 more: All your tenders" in html


def test_a_bureau_officer_assigns_evaluators_and_answers_questions(
    client, closed_tender, open_tender, organisation, org_admin
):
    officer = bureau_officer()
    question = clarification_ask(
        tender=open_tender, organisation=organisation, question="可以联合投标吗？", by=org_admin
    )
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert reverse("tenders_admin:assign", args=[closed_tender.tender_id]) in now
    assert reverse("tenders_admin:answer", args=[question.pk]) in now
    evaluator_assign(tender=closed_tender, user=staff_with_role(Role.EVALUATOR), by=officer)
    clarification_answer(clarification=question, answer="不可以。", by=officer)
    panel = _page(client, officer, "/admin/")
    now = _section(panel, "now", admin=True)
    assert "/assign/" not in now and "/answer/" not in now
    waiting = _section(panel, "waiting", admin=True)
    assert reverse("tenders_admin:tender", args=[closed_tender.tender_id]) in waiting


def test_a_finished_evaluation_asks_the_officer_to_award(client, closed_tender):
    officer = bureau_officer()
    bids = _bidders(closed_tender, 2)
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=closed_tender, user=evaluator, by=officer)
    conflicts_declare(
        tender=closed_tender, by=evaluator, lines={bid.pk: ("none", "") for bid in bids}
    )
    award_url = reverse("tenders_admin:award", args=[closed_tender.tender_id])
    criteria = [c for c in closed_tender.criteria.all() if not c.is_price]
    bid_score(bid=bids[0], by=evaluator, scores={c.pk: (Decimal(1), "可") for c in criteria})
    panel = _page(client, officer, "/admin/")
    assert award_url not in _section(panel, "now", admin=True)
    assert "Evaluation of" in _section(panel, "waiting", admin=True)
    bid_score(bid=bids[1], by=evaluator, scores={c.pk: (Decimal(2), "好") for c in criteria})
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert award_url in now and "every evaluator has scored" in now
