"""Milestones in the back office: the framework kept by each hub's managers, the overdue list,
verification and return of evidence, at a constant number of queries."""

import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from incubator.incubation.services.milestones import milestone_submit_evidence
from incubator.models import Milestone, MilestoneTemplate
from tests.factories import (
    HubFactory,
    MilestoneTemplateFactory,
    OrganisationFactory,
    bureau_officer,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def _submitted(organisation):
    milestone = milestone_for(organisation, title="完善理事会制度")
    milestone_submit_evidence(
        milestone=milestone,
        note="纪要",
        files=[SimpleUploadedFile("minutes.pdf", PDF)],
        by=member_of(organisation, "admin"),
    )
    return milestone


def test_the_manager_verifies_evidence_from_the_milestone_page(client):
    organisation = OrganisationFactory()
    milestone = _submitted(organisation)
    client.force_login(manager_of(organisation.hub))
    page = client.get(f"/admin/milestones/inspect/{milestone.pk}/").content.decode()
    assert "minutes.pdf" in page and f"/admin/milestones/verify/{milestone.pk}/" in page
    response = client.post(f"/admin/milestones/verify/{milestone.pk}/")
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.VERIFIED


def test_returning_needs_a_reason_and_keeps_the_form(client):
    organisation = OrganisationFactory()
    milestone = _submitted(organisation)
    client.force_login(manager_of(organisation.hub))
    response = client.post(f"/admin/milestones/return/{milestone.pk}/", {"reason": ""})
    assert response.status_code == 200
    # The action's name is the page's heading, with what it acts on beside it.
    assert re.search(
        r'<h1 class="w-header__title"[^>]*>.*完善理事会制度', response.content.decode(), re.S
    )
    assert response.context["form"].errors["reason"]
    response = client.post(f"/admin/milestones/return/{milestone.pk}/", {"reason": "缺少签名"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.RETURNED
    # Deciding again is refused with a message on the form, not an error page.
    response = client.post(f"/admin/milestones/verify/{milestone.pk}/")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_bureau_officers_read_plans_but_do_not_review_them(client):
    organisation = OrganisationFactory()
    milestone = _submitted(organisation)
    client.force_login(bureau_officer())
    page = client.get(f"/admin/milestones/inspect/{milestone.pk}/").content.decode()
    assert "/admin/milestones/verify/" not in page
    assert client.post(f"/admin/milestones/verify/{milestone.pk}/").status_code == 404


def test_the_overdue_list_shows_only_late_milestones_of_the_managers_hubs(client):
    hub = HubFactory()
    mine, other = OrganisationFactory(hub=hub), OrganisationFactory()
    milestone_for(mine, title="甲项-逾期", due_on=date(2020, 1, 1))
    milestone_for(mine, title="乙项-未到期", due_on=date(2099, 1, 1))
    milestone_for(mine, title="丙项-待审", due_on=date(2020, 1, 1), status="submitted")
    milestone_for(other, title="丁项-别的基地", due_on=date(2020, 1, 1))
    client.force_login(manager_of(hub))
    html = client.get("/admin/milestones/?overdue=true").content.decode()
    assert "甲项-逾期" in html
    assert "乙项-未到期" not in html and "丙项-待审" not in html and "丁项-别的基地" not in html


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/admin/milestones/", "/admin/milestones/?overdue=true", "/admin/milestone_templates/"]
)
def test_milestone_lists_keep_a_constant_query_count(client, url):
    hub = HubFactory()
    client.force_login(manager_of(hub))

    def grow(count):
        for _ in range(count):
            organisation = OrganisationFactory(hub=hub)
            milestone_for(organisation, due_on=date(2020, 1, 1))
            MilestoneTemplateFactory(hub=hub)

    grow(3)
    client.get(url)
    few = _queries(client, url)
    grow(27)
    assert _queries(client, url) == few


def test_a_manager_adds_framework_milestones_only_to_their_hubs(client):
    hub, other = HubFactory(), HubFactory()
    client.force_login(manager_of(hub))
    data = {
        "area": "finance",
        "title": "建立财务管理制度",
        "description": "",
        "is_required": "on",
        "due_after_months": "6",
        "is_active": "on",
    }
    response = client.post("/admin/milestone_templates/new/", {**data, "hub": other.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["hub"]
    assert not MilestoneTemplate.objects.exists()
    response = client.post("/admin/milestone_templates/new/", {**data, "hub": hub.pk})
    assert response.status_code == 302
    assert MilestoneTemplate.objects.get().hub == hub


def test_the_organisation_page_shows_progress_and_offers_graduation(client):
    organisation = OrganisationFactory()
    milestone_for(organisation, title="完成登记", status="verified")
    milestone_for(organisation, title="建立财务制度", area="finance", due_on=date(2020, 1, 1))
    client.force_login(manager_of(organisation.hub))
    html = client.get(f"/admin/organisations/inspect/{organisation.pk}/").content.decode()
    assert "完成登记" in html and "建立财务制度" in html
    assert f"/admin/organisations/graduate/{organisation.pk}/" in html
    client.force_login(bureau_officer())
    html = client.get(f"/admin/organisations/inspect/{organisation.pk}/").content.decode()
    assert "建立财务制度" in html
    assert f"/admin/organisations/graduate/{organisation.pk}/" not in html


def test_organisation_page_keeps_a_constant_query_count(client):
    organisation = OrganisationFactory()
    client.force_login(manager_of(organisation.hub))
    url = f"/admin/organisations/inspect/{organisation.pk}/"
    for step in range(3):
        milestone_for(organisation, title=f"a{step}", due_on=date(2020, 1, 1))
    client.get(url)
    few = _queries(client, url)
    for step in range(30):
        milestone_for(organisation, title=f"b{step}", area="finance")
    assert _queries(client, url) == few
