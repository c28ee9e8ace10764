"""The task lists of organisations (portal overview) and hub managers (admin home): each sees
its own items only, an item leaves when it is handled, the lists cost a constant number of
queries however many items there are, and an empty list says what comes next."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from incubator.incubation.services.intake import intake_decline
from incubator.incubation.services.milestones import milestone_submit_evidence, milestone_verify
from incubator.kernel.todo import SHOWN, Kind, TodoRequest, first_with_total, todo_sections
from incubator.models import Milestone
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    incubation_for,
    intake_application,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db


def _organisation(hub=None):
    organisation = OrganisationFactory(**({"hub": hub} if hub else {}))
    incubation_for(organisation)
    return organisation


def _due(days: int):
    return timezone.localdate() + timedelta(days=days)


def _section(html: str, kind: str) -> str:
    return html.split(f'id="todo-{kind}"')[1].split("</div>")[0]


def _portal(client, user) -> str:
    client.force_login(user)
    response = client.get("/en/portal/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_organisation_sees_its_milestones_in_the_right_sections(client):
    organisation = _organisation()
    soon = milestone_for(organisation, title="建立理事会", due_on=_due(5))
    later = milestone_for(organisation, title="年度评估", due_on=_due(90))
    submitted = milestone_for(
        organisation, title="财务制度", due_on=_due(10), status=Milestone.Status.SUBMITTED
    )
    html = _portal(client, member_of(organisation, "member"))
    now, coming, waiting = (_section(html, kind) for kind in Kind.ORDER)
    assert "建立理事会" in now and reverse("portal:milestone", args=[soon.pk]) in now
    assert "年度评估" in coming and reverse("portal:milestone", args=[later.pk]) in coming
    assert "财务制度" in waiting and reverse("portal:milestone", args=[submitted.pk]) in waiting
    assert _due(5).strftime("%Y") in now


def test_overdue_and_returned_milestones_need_the_organisation_now(client):
    organisation = _organisation()
    milestone_for(organisation, title="逾期里程碑", due_on=_due(-3))
    milestone_for(
        organisation,
        title="退回里程碑",
        due_on=_due(200),
        status="returned",
        return_reason="缺少附件。",
    )
    now = _section(_portal(client, member_of(organisation, "member")), Kind.NOW)
    assert "逾期里程碑" in now and "Overdue" in now and "todo__item--overdue" in now
    assert "退回里程碑" in now


def test_another_organisations_items_never_appear(client):
    organisation, other = _organisation(), _organisation()
    milestone_for(other, title="别家的里程碑", due_on=_due(3))
    html = _portal(client, member_of(organisation, "admin"))
    assert "别家的里程碑" not in html


def test_a_milestone_moves_to_waiting_when_evidence_is_submitted(client):
    organisation = _organisation()
    milestone = milestone_for(organisation, title="建立理事会", due_on=_due(5))
    user = member_of(organisation, "member")
    assert "建立理事会" in _section(_portal(client, user), Kind.NOW)
    milestone_submit_evidence(milestone=milestone, note="章程已通过。", files=[], by=user)
    html = _portal(client, user)
    assert "建立理事会" not in _section(html, Kind.NOW)
    assert "建立理事会" in _section(html, Kind.WAITING)


def test_empty_portal_list_names_the_next_milestone(client):
    organisation = _organisation()
    milestone_for(organisation, title="年度评估", due_on=_due(90))
    now = _section(_portal(client, member_of(organisation, "member")), Kind.NOW)
    assert "Nothing waits for you now. Next: “年度评估”, due" in now


def test_empty_portal_list_says_what_will_appear(client):
    html = _portal(client, member_of(_organisation(), "member"))
    assert "Nothing waits for you. New milestones, open tenders" in _section(html, Kind.NOW)
    assert "Nothing is coming up" in _section(html, Kind.COMING)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_portal_list_costs_the_same_queries_with_one_item_or_many(client):
    organisation = _organisation()
    milestone_for(organisation, title="第一个", due_on=_due(3))
    client.force_login(member_of(organisation, "admin"))
    client.get("/en/portal/")
    one = _queries(client, "/en/portal/")
    for step in range(SHOWN + 5):
        milestone_for(organisation, title=f"里程碑{step}", due_on=_due(step % 20))
        milestone_for(organisation, title=f"远期{step}", due_on=_due(100 + step))
    many = _queries(client, "/en/portal/")
    assert many == one
    html = client.get("/en/portal/").content.decode()
    assert "and 6 more: All milestones" in _section(html, Kind.NOW)


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="dashboard-todo-section"')[1].split('<section class="w-panel')[0]


def test_a_hub_manager_sees_confirmed_applications_and_evidence_of_their_hubs_only(client):
    hub, other_hub = HubFactory(), HubFactory()
    mine = intake_application(hub, name="本基地的申请", email="a@example.org")
    intake_application(hub, name="未确认的申请", email="b@example.org", confirmed=False)
    intake_application(other_hub, name="别的基地的申请", email="c@example.org")
    organisation, elsewhere = _organisation(hub), _organisation(other_hub)
    evidence = milestone_for(organisation, title="待核验", status=Milestone.Status.SUBMITTED)
    milestone_for(elsewhere, title="别处待核验", status=Milestone.Status.SUBMITTED)
    panel = _home(client, manager_of(hub))
    assert "本基地的申请" in panel and reverse("intake:inspect", args=[mine.pk]) in panel
    assert "待核验" in panel and reverse("milestones:inspect", args=[evidence.pk]) in panel
    for text in ("未确认的申请", "别的基地的申请", "别处待核验"):
        assert text not in panel


def test_handled_items_leave_the_hub_managers_list(client):
    hub = HubFactory()
    manager = manager_of(hub)
    application = intake_application(hub, name="本基地的申请")
    milestone = milestone_for(_organisation(hub), title="待核验", status="submitted")
    intake_decline(application=application, reason="不符合条件。", by=manager)
    milestone_verify(milestone=milestone, by=manager)
    panel = _home(client, manager)
    assert "本基地的申请" not in panel and "待核验" not in panel
    assert "New intake applications appear here when applicants confirm their email" in panel


def test_the_hub_managers_list_costs_the_same_queries_with_one_item_or_many(client):
    hub = HubFactory()
    manager = manager_of(hub)
    organisation = _organisation(hub)
    milestone_for(organisation, title="待核验", status="submitted")
    intake_application(hub, email="first@example.org")
    client.force_login(manager)
    client.get("/admin/")
    one = _queries(client, "/admin/")
    for step in range(SHOWN + 2):
        milestone_for(organisation, title=f"待核验{step}", status="submitted")
        intake_application(hub, email=f"x{step}@example.org")
    assert _queries(client, "/admin/") == one


def test_first_with_total_counts_past_the_limit():
    organisation = _organisation()
    for step in range(4):
        milestone_for(organisation, title=f"里程碑{step}")
    rows, total = first_with_total(Milestone.objects.order_by("pk"), limit=3)
    assert len(rows) == 3 and total == 4
    assert first_with_total(Milestone.objects.none()) == ([], 0)


def test_a_user_without_a_role_gets_empty_sections():
    organisation = _organisation()
    sections = todo_sections(TodoRequest(user=member_of(organisation), audience="admin"))
    assert [section.kind for section in sections] == list(Kind.ORDER)
    assert all(not section.items for section in sections)
