"""Graduation issues a graduation certificate like every other letter: numbered in its own
gapless sequence, verifiable, in the portal's letter list, and issued in the graduation's own
transaction (no certificate, no graduation)."""

from datetime import date

from django.urls import reverse

import pytest

from cms.models import LetterReferencePrefix
from incubator.incubation.services.incubations import incubation_graduate
from incubator.kernel.errors import ServiceError
from incubator.kernel.services.letters import letter_html
from incubator.models import Incubation, Letter, Milestone, Organisation
from tests.factories import (
    OrganisationFactory,
    incubation_for,
    letterhead_settings,
    manager_of,
    member_of,
    milestone_for,
)

pytestmark = pytest.mark.django_db


def _ready_to_graduate(name: str) -> Organisation:
    organisation = OrganisationFactory(name=name)
    incubation_for(organisation, started_on=date(2026, 1, 1), planned_end_on=date(2026, 12, 31))
    milestone_for(organisation, title="完成登记", status=Milestone.Status.VERIFIED)
    milestone_for(organisation, title="建立财务制度", status=Milestone.Status.VERIFIED)
    return organisation


def _graduate(organisation: Organisation) -> Incubation:
    return incubation_graduate(
        organisation=organisation, on=date(2026, 12, 31), by=manager_of(organisation.hub)
    )


def test_graduation_issues_a_certificate_numbered_in_its_own_sequence():
    letterhead_settings()
    first = _ready_to_graduate("太仓市颐康居家养老服务中心")
    second = _ready_to_graduate("太仓市沙溪镇乐龄日间照料中心")
    incubation = _graduate(first)
    _graduate(second)
    letters = Letter.objects.filter(kind="graduation").order_by("sequence")
    assert [letter.recipient for letter in letters] == [first, second]
    year = letters[0].year
    assert [letter.reference for letter in letters] == [
        f"太民社结〔{year}〕1号",
        f"太民社结〔{year}〕2号",
    ]
    assert letters[0].subject == incubation
    assert letters[0].title == "社会组织孵化结业证书"


def test_the_certificate_says_where_and_when_the_organisation_was_incubated():
    letterhead_settings()
    organisation = _ready_to_graduate("太仓市颐康居家养老服务中心")
    _graduate(organisation)
    html = letter_html(organisation.letters.get(kind="graduation"))
    assert "<h1>社会组织孵化结业证书</h1>" in html
    assert f"2026年1月1日至2026年12月31日在{organisation.hub.name}接受孵化" in html
    assert "共完成能力建设里程碑2项" in html
    assert "特此证明。" in html


def test_the_certificate_is_in_the_portal_and_can_be_verified(client):
    letterhead_settings()
    organisation = _ready_to_graduate("太仓市颐康居家养老服务中心")
    _graduate(organisation)
    letter = organisation.letters.get(kind="graduation")
    client.force_login(member_of(organisation, "member"))
    listing = client.get(reverse("portal:letters")).content.decode()
    assert letter.reference in listing and "社会组织孵化结业证书" in listing
    client.logout()
    check = client.get(f"/zh-hans/letters/verify/{letter.verification_code}/").content.decode()
    assert "该函件真实有效" in check and letter.reference in check


def test_without_a_graduation_prefix_nothing_graduates():
    settings = letterhead_settings()
    LetterReferencePrefix.objects.filter(settings=settings, kind="graduation").delete()
    organisation = _ready_to_graduate("太仓市颐康居家养老服务中心")
    with pytest.raises(ServiceError) as refused:
        _graduate(organisation)
    assert refused.value.code == "no_prefix"
    organisation.refresh_from_db()
    assert organisation.stage == Organisation.Stage.INCUBATING
    assert organisation.incubations.get().ended_on is None
    assert not Letter.objects.exists()
