"""After the organisation submits evidence again, the return it answered is no longer shown
as current, in the portal or the back office: it is history, dated as past."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from incubator.incubation.services.milestones import (
    milestone_return,
    milestone_submit_evidence,
    milestone_verify,
)
from incubator.models import Milestone
from tests.factories import OrganisationFactory, manager_of, member_of, milestone_for

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"
REASON = "缺少理事会会议纪要的签字页，请补充后重新提交。"


def _submit(milestone, admin, name="minutes.pdf"):
    return milestone_submit_evidence(
        milestone=milestone, note="纪要", files=[SimpleUploadedFile(name, PDF)], by=admin
    )


@pytest.fixture
def resubmitted():
    organisation = OrganisationFactory()
    admin = member_of(organisation, "admin")
    manager = manager_of(organisation.hub)
    milestone = milestone_for(organisation, title="完善理事会制度")
    _submit(milestone, admin)
    milestone_return(milestone=milestone, reason=REASON, by=manager)
    _submit(milestone, admin, "minutes-signed.pdf")
    milestone.refresh_from_db()
    return milestone, admin, manager


def _today() -> str:
    today = timezone.localdate()
    return f"{today.year}年{today.month}月{today.day}日"


def _notices(html: str) -> str:
    return " ".join(re.findall(r'<div class="notice[^"]*"[^>]*>.*?</div>', html, re.S))


def test_resubmission_clears_the_answered_return_from_the_milestone(resubmitted):
    milestone, _, _ = resubmitted
    assert milestone.status == Milestone.Status.SUBMITTED
    assert milestone.return_reason == ""
    assert milestone.decided_at is None and milestone.decided_by is None


def test_the_portal_shows_the_answered_return_as_dated_history(client, resubmitted):
    milestone, admin, _ = resubmitted
    client.force_login(admin)
    html = client.get(f"/zh-hans/portal/milestones/{milestone.pk}/").content.decode()
    assert REASON not in _notices(html)
    history = html.split("以往退回记录", 1)[1]
    text = re.sub(r"<[^>]+>", "", history)  # the date is a <time>, kept on one line
    assert f"退回于{_today()}" in text and REASON in history
    assert re.search(r'退回于<time class="nobr" datetime="[^"]+">', history)


def test_the_back_office_shows_the_answered_return_as_dated_history(client, resubmitted):
    milestone, _, manager = resubmitted
    client.force_login(manager)
    html = client.get(f"/admin/milestones/inspect/{milestone.pk}/").content.decode()
    assert html.count(REASON) == 1
    history = html.split("以往退回记录", 1)[1]
    assert f"{timezone.localdate().year}" in history and REASON in history


def test_a_current_return_is_shown_as_current_with_its_date(client, resubmitted):
    milestone, admin, manager = resubmitted
    milestone_return(milestone=milestone, reason="签字页不清晰。", by=manager)
    client.force_login(admin)
    html = client.get(f"/zh-hans/portal/milestones/{milestone.pk}/").content.decode()
    assert "签字页不清晰。" in _notices(html) and _today() in _notices(html)
    assert REASON not in _notices(html)
    assert REASON in html.split("以往退回记录", 1)[1]


def test_a_verified_milestone_still_lists_its_earlier_returns(client, resubmitted):
    milestone, admin, manager = resubmitted
    milestone_verify(milestone=milestone, by=manager)
    client.force_login(admin)
    html = client.get(f"/zh-hans/portal/milestones/{milestone.pk}/").content.decode()
    assert REASON not in _notices(html)
    assert REASON in html.split("以往退回记录", 1)[1]
