"""The milestone plan in the portal: progress, evidence upload, and what a refused upload keeps;
the profile, editable by the organisation's admin only."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from incubator.models import Milestone, MilestoneArea, Organisation
from tests.factories import OrganisationFactory, credit_code, member_of, milestone_for

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def test_the_plan_shows_progress_by_area_and_overdue_milestones(client):
    organisation = OrganisationFactory()
    milestone_for(organisation, title="完善理事会制度", due_on=date(2020, 1, 1))
    milestone_for(
        organisation,
        title="建立财务制度",
        area=MilestoneArea.FINANCE,
        status=Milestone.Status.VERIFIED,
        due_on=date(2099, 1, 1),
    )
    milestone_for(OrganisationFactory(), title="别人的里程碑")
    client.force_login(member_of(organisation, "member"))
    html = client.get("/zh-hans/portal/milestones/").content.decode()
    assert "完善理事会制度" in html and "建立财务制度" in html
    assert "别人的里程碑" not in html
    english = client.get("/en/portal/milestones/").content.decode()
    assert "Overdue" in english and "1 of 1 verified" in english


def test_a_member_submits_several_files_of_evidence(client):
    organisation = OrganisationFactory()
    milestone = milestone_for(organisation)
    client.force_login(member_of(organisation, "member"))
    response = client.post(
        f"/en/portal/milestones/{milestone.pk}/",
        {
            "note": "会议纪要与签到表",
            "files": [
                SimpleUploadedFile("minutes.pdf", PDF),
                SimpleUploadedFile("sign-in.pdf", PDF),
            ],
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.SUBMITTED
    assert sorted(milestone.evidence.values_list("original_name", flat=True)) == [
        "minutes.pdf",
        "sign-in.pdf",
    ]
    page = client.get(f"/en/portal/milestones/{milestone.pk}/").content.decode()
    assert "minutes.pdf" in page and "waiting for your hub manager" in page
    assert "Submit evidence</button>" not in page


def test_a_bad_file_is_refused_by_name_and_the_note_is_kept(client):
    organisation = OrganisationFactory()
    milestone = milestone_for(organisation)
    client.force_login(member_of(organisation, "admin"))
    response = client.post(
        f"/en/portal/milestones/{milestone.pk}/",
        {
            "note": "请查看附件",
            "files": [
                SimpleUploadedFile("minutes.pdf", PDF),
                SimpleUploadedFile("fake.pdf", b"MZ not a pdf"),
            ],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "fake.pdf" in html and "does not match" in html
    assert "请查看附件" in html
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.PLANNED
    assert not milestone.evidence.exists()


def test_nothing_to_submit_is_explained(client):
    organisation = OrganisationFactory()
    milestone = milestone_for(organisation)
    client.force_login(member_of(organisation, "admin"))
    response = client.post(f"/en/portal/milestones/{milestone.pk}/", {"note": ""})
    assert response.status_code == 200
    assert "Attach at least one file or write a note" in response.content.decode()


def test_the_admin_edits_the_profile_and_a_bad_code_keeps_the_input(client):
    organisation = OrganisationFactory(name="旧名称")
    client.force_login(member_of(organisation, "admin"))
    form = client.get("/en/portal/profile/").context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key != "service_areas"
    }
    data.update(
        name="太仓市颐康居家养老服务中心", credit_code="91350100M000100Y44", contact_name="周兰"
    )
    response = client.post("/en/portal/profile/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "太仓市颐康居家养老服务中心" in html and "周兰" in html
    organisation.refresh_from_db()
    assert organisation.name == "旧名称"
    assert response.context["organisation"].name == "旧名称"  # the header shows the saved name
    code = credit_code()
    data["credit_code"] = f" {code.lower()} "
    assert client.post("/en/portal/profile/", data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "太仓市颐康居家养老服务中心"
    assert organisation.credit_code == code
    assert organisation.stage == Organisation.Stage.INCUBATING


def test_a_taken_credit_code_is_refused_on_the_field(client):
    taken = OrganisationFactory(credit_code=credit_code())
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, "admin"))
    form = client.get("/en/portal/profile/").context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key != "service_areas"
    }
    data["credit_code"] = taken.credit_code
    response = client.post("/en/portal/profile/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["credit_code"]


def test_members_read_the_profile_but_cannot_change_it(client):
    organisation = OrganisationFactory(name="只读机构")
    client.force_login(member_of(organisation, "member"))
    response = client.get("/en/portal/profile/")
    assert response.status_code == 200 and response.context["form"] is None
    assert "只读机构" in response.content.decode()
    assert client.post("/en/portal/profile/", {"name": "改名"}).status_code == 404
    organisation.refresh_from_db()
    assert organisation.name == "只读机构"
