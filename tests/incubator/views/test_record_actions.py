"""A back-office record's main transition is a visible button on its page, shown only to those
who may take it; listings open the record's page; the graduation form says first what stands
in its way."""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from incubator.incubation.services.milestones import milestone_submit_evidence
from incubator.models import Milestone, WaitlistEntry
from tests.factories import (
    HubFactory,
    bureau_officer,
    manager_of,
    member_of,
    milestone_for,
)
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def _header_actions(html: str) -> dict[str, str]:
    """The record actions shown as header buttons: {action: classes}."""
    return {
        match["action"]: match["classes"]
        for match in re.finditer(
            r'<a href="[^"]*" class="(?P<classes>[^"]*)"[^>]*data-record-action="(?P<action>\w+)"',
            html,
        )
    }


@pytest.fixture
def scene():
    hub = HubFactory()
    organisation = incubating(hub)
    milestone = milestone_for(organisation, title="完善理事会制度")
    milestone_submit_evidence(
        milestone=milestone,
        note="纪要",
        files=[SimpleUploadedFile("minutes.pdf", PDF)],
        by=member_of(organisation, "admin"),
    )
    today = timezone.localdate()
    space = space_of(hub)
    seats = allocation(space, organisation, 2, today, today + timedelta(days=90))
    entry = WaitlistEntry.objects.create(
        hub=hub, organisation=organisation, seats_wanted=2, wanted_from=today
    )
    return {
        "hub": hub,
        "organisation": organisation,
        "milestone": milestone,
        "allocation": seats,
        "entry": entry,
        "pages": {
            "milestones": milestone.pk,
            "organisations": organisation.pk,
            "allocations": seats.pk,
            "waitlist": entry.pk,
        },
    }


PRIMARY = {
    "milestones": "verify",
    "organisations": "graduate",
    "allocations": "end",
    "waitlist": "serve",
}


@pytest.mark.parametrize("record", sorted(PRIMARY))
def test_the_hub_manager_sees_the_main_transition_as_a_primary_button(client, scene, record):
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/{record}/inspect/{scene['pages'][record]}/").content.decode()
    actions = _header_actions(html)
    primary = actions.pop(PRIMARY[record])
    assert "button-secondary" not in primary.split()
    # Every other action shown is a secondary (or dangerous) one: one primary per page.
    assert all("button-secondary" in classes.split() for classes in actions.values())


def test_the_milestone_page_offers_verify_and_return(client, scene):
    client.force_login(manager_of(scene["hub"]))
    milestone = scene["milestone"]
    html = client.get(f"/admin/milestones/inspect/{milestone.pk}/").content.decode()
    assert set(_header_actions(html)) == {"verify", "return"}
    assert f'href="/admin/milestones/verify/{milestone.pk}/"' in html


def test_a_decided_milestone_offers_nothing(client, scene):
    milestone = scene["milestone"]
    Milestone.objects.filter(pk=milestone.pk).update(status=Milestone.Status.VERIFIED)
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/milestones/inspect/{milestone.pk}/").content.decode()
    assert _header_actions(html) == {}


def test_ending_the_incubation_is_a_dangerous_button(client, scene):
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/organisations/inspect/{scene['organisation'].pk}/").content.decode()
    actions = _header_actions(html)
    assert "serious" in actions["exit"].split()
    assert {"allocate", "waitlist_add"} <= set(actions)


@pytest.mark.parametrize("record", ["milestones", "organisations"])
def test_a_bureau_officer_reads_the_record_without_its_transitions(client, scene, record):
    # Reviewing evidence and ending an incubation are for the managers of the hub.
    client.force_login(bureau_officer())
    response = client.get(f"/admin/{record}/inspect/{scene['pages'][record]}/")
    assert response.status_code == 200
    assert PRIMARY[record] not in _header_actions(response.content.decode())


@pytest.mark.parametrize("record", sorted(PRIMARY))
def test_another_hubs_manager_finds_neither_the_page_nor_the_action(client, scene, record):
    client.force_login(manager_of(HubFactory()))
    pk = scene["pages"][record]
    assert client.get(f"/admin/{record}/inspect/{pk}/").status_code == 404
    assert client.get(f"/admin/{record}/{PRIMARY[record]}/{pk}/").status_code == 404
    assert client.post(f"/admin/{record}/{PRIMARY[record]}/{pk}/").status_code == 404


@pytest.mark.parametrize("record", sorted(PRIMARY))
def test_anonymous_visitors_are_sent_to_log_in(client, scene, record):
    pk = scene["pages"][record]
    for url in (f"/admin/{record}/inspect/{pk}/", f"/admin/{record}/{PRIMARY[record]}/{pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("record", sorted(PRIMARY))
def test_list_rows_open_the_records_page(client, scene, record):
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/{record}/").content.decode()
    pk = scene["pages"][record]
    assert f'href="/admin/{record}/inspect/{pk}/"' in html
    title_cell = re.search(r'<td class="[^"]*title[^"]*">.*?</td>', html, re.S).group(0)
    # The row's own link (its first); the row's menu of other actions may follow it.
    first_link = re.search(r'href="([^"]+)"', title_cell).group(1)
    assert first_link == f"/admin/{record}/inspect/{pk}/"


def test_the_graduation_form_lists_the_unverified_milestones_first(client, scene):
    organisation = scene["organisation"]
    milestone = scene["milestone"]
    milestone_for(organisation, title="可选里程碑", is_required=False)
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/organisations/graduate/{organisation.pk}/").content.decode()
    blockers = re.search(r'id="graduation-blockers".*?</div>', html, re.S).group(0)
    assert f'href="/admin/milestones/inspect/{milestone.pk}/"' in blockers
    assert "完善理事会制度" in blockers and "可选里程碑" not in blockers
    assert re.search(r'<button type="submit" class="button" disabled', html)


def test_the_graduation_form_is_open_once_every_required_milestone_is_verified(client, scene):
    Milestone.objects.filter(pk=scene["milestone"].pk).update(status=Milestone.Status.VERIFIED)
    client.force_login(manager_of(scene["hub"]))
    html = client.get(f"/admin/organisations/graduate/{scene['organisation'].pk}/").content.decode()
    assert "graduation-blockers" not in html
    assert not re.search(r"<button[^>]*disabled", html)
