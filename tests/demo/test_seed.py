"""seed_demo builds the Taicang world once; running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from cms.models import GuidancePage, HomePage, SiteSettings
from incubator.models import (
    Hub,
    IntakeApplication,
    Letter,
    Milestone,
    Organisation,
    SpaceAllocation,
    WaitlistEntry,
)
from subsidies.models import Scheme, SubsidyApplication

pytestmark = pytest.mark.django_db


def _snapshot() -> dict:
    return {
        "users": list(get_user_model().objects.values_list("username", "password")),
        "hubs": list(Hub.objects.values()),
        "pages": list(Page.objects.values_list("id", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "settings": list(SiteSettings.objects.values()),
        "organisations": list(Organisation.objects.values_list("name", "stage")),
        "milestones": list(Milestone.objects.values_list("pk", "status")),
        "allocations": list(SpaceAllocation.objects.values_list("pk", "ends_on")),
        "waitlist": list(WaitlistEntry.objects.values_list("pk", "status")),
        "subsidies": list(SubsidyApplication.objects.values_list("pk", "status")),
    }


def test_seed_builds_the_demo_world_and_is_idempotent(demo, settings):
    settings.DEBUG = True
    first = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == first

    usernames = {name for name, _ in first["users"]}
    assert {"admin", "bureau", "hubmanager", "orgadmin", "otherorg", "evaluator"} <= usernames
    assert get_user_model().objects.get(username="admin").check_password("demo-pass-2026")
    assert Hub.objects.filter(name="瑞安社会工作服务中心").exists()
    assert Hub.objects.count() == 2
    assert HomePage.objects.filter(locale__language_code="zh-hans").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    guidance = GuidancePage.objects.live()
    assert guidance.filter(locale__language_code="zh-hans").count() == 3
    assert guidance.filter(locale__language_code="en").count() == 3
    organisations = Organisation.objects.all()
    assert organisations.count() == 12
    assert set(organisations.values_list("stage", flat=True)) == {
        "applicant",
        "incubating",
        "graduated",
        "exited",
    }
    for hub in Hub.objects.all():
        assert organisations.filter(hub=hub, stage="incubating").count() >= 3
    orgadmin, otherorg = (
        Organisation.objects.get(memberships__user__username=name, memberships__ended_at=None)
        for name in ("orgadmin", "otherorg")
    )
    assert orgadmin != otherorg and orgadmin.hub == otherorg.hub
    assert orgadmin.stage == otherorg.stage == "incubating"
    assert set(Milestone.objects.values_list("status", flat=True)) == {
        "planned",
        "submitted",
        "returned",
        "verified",
    }
    assert Milestone.objects.filter(status="planned", due_on__lt="2026-11-26").exists()
    assert SpaceAllocation.objects.count() >= 6
    assert WaitlistEntry.objects.filter(status="waiting").count() == 3
    scheme = Scheme.objects.get(year=2026)
    assert scheme.envelope == 400000
    assert set(SubsidyApplication.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "recommended",
        "returned",
        "approved",
        "rejected",
        "disbursing",
        "completed",
        "withdrawn",
    }
    waiting = SubsidyApplication.objects.get(status="recommended")
    assert waiting.eligible_total > scheme.envelope - scheme.approved_total
    assert Letter.objects.filter(kind="subsidy_award").count() == 3
    from tenders.models import TenderPage

    statuses = {
        page.status() for page in TenderPage.objects.filter(locale__language_code="zh-hans")
    }
    assert {"upcoming", "open", "under_evaluation", "awarded"} <= statuses
    # The day-care centre in 城厢镇 and home care in 沙溪镇.
    assert Letter.objects.filter(kind="tender_award").count() == 2
    assert IntakeApplication.objects.filter(status="submitted").count() == 2
    assert Letter.objects.filter(revoked_at__isnull=False).count() == 1
    site_settings = SiteSettings.objects.get()
    assert site_settings.bureau_name_zh == "太仓市民政局"
    assert site_settings.letter_prefix("subsidy_award") == "太民社补"


def test_seeded_site_serves_both_languages(demo, settings, client):
    settings.DEBUG = True
    zh = client.get("/zh-hans/guidance/register-a-social-organisation/").content.decode()
    en = client.get("/en/guidance/register-a-social-organisation/").content.decode()
    assert "如何登记成立社会组织" in zh
    assert "How to register a social organisation" in en
    assert "/documents/" in en  # the checklist PDF is linked
