"""Letters: numbered without gaps per kind and year, fixed at issue, revoked and reissued."""

from decimal import Decimal

import pytest

from cms.models import LetterReferencePrefix
from incubator.kernel.errors import ServiceError
from incubator.kernel.services.letter_rendering import letter_render
from incubator.kernel.services.letters import (
    letter_issue,
    letter_reissue,
    letter_revoke,
)
from incubator.models import Letter, LetterSequence
from tests.factories import OrganisationFactory, bureau_officer, issue_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="太仓市颐康居家养老服务中心")


def test_numbers_run_without_gaps_per_kind_and_year(organisation):
    letters = [issue_letter(organisation) for _ in range(3)]
    award = issue_letter(organisation, kind="subsidy_award", amount=Decimal("12300"))
    year = letters[0].year
    assert [letter.reference for letter in letters] == [
        f"太民社孵〔{year}〕1号",
        f"太民社孵〔{year}〕2号",
        f"太民社孵〔{year}〕3号",
    ]
    assert award.reference == f"太民社补〔{year}〕1号"


def test_a_failed_issue_gives_its_number_back(organisation):
    issue_letter(organisation)
    with pytest.raises(Exception):  # noqa: B017 - the title is too long for the field
        issue_letter(organisation, title="长" * 300)
    assert issue_letter(organisation).sequence == 2
    assert LetterSequence.objects.get(kind="admission").last_number == 2


def test_without_a_prefix_nothing_is_issued(organisation):
    issue_letter(organisation)
    LetterReferencePrefix.objects.filter(kind="tender_award").delete()
    with pytest.raises(ServiceError) as caught:
        letter_issue(
            kind="tender_award", recipient=organisation, subject=organisation, title="中标通知"
        )
    assert caught.value.code == "no_prefix"
    assert not Letter.objects.filter(kind="tender_award").exists()


def test_what_a_letter_says_is_fixed_at_issue(organisation):
    letter = issue_letter(organisation)
    organisation.name = "改名后的机构"
    organisation.save()
    letter.refresh_from_db()
    assert letter.details["recipient_name"] == "太仓市颐康居家养老服务中心"
    assert letter.details["letterhead"]["bureau_name_zh"] == "太仓市民政局"


def test_each_letter_has_its_own_unguessable_code(organisation):
    codes = {issue_letter(organisation).verification_code for _ in range(5)}
    assert len(codes) == 5
    assert all(len(code) >= 24 for code in codes)


def test_a_rendered_letter_is_never_rendered_again(
    organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue_letter(organisation)
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.READY
    first_hash = letter.sha256
    with pytest.raises(ServiceError):
        letter_render(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.sha256 == first_hash


def test_revoking_needs_a_reason_and_happens_once(organisation):
    letter = issue_letter(organisation)
    officer = bureau_officer()
    with pytest.raises(ServiceError):
        letter_revoke(letter=letter, reason="  ", by=officer)
    letter_revoke(letter=letter, reason="入驻日期有误", by=officer)
    with pytest.raises(ServiceError):
        letter_revoke(letter=letter, reason="again", by=officer)
    letter.refresh_from_db()
    assert not letter.is_valid
    assert letter.revocation_reason == "入驻日期有误"


def test_reissuing_revokes_the_old_letter_and_gives_a_new_number(organisation):
    letter = issue_letter(organisation, kind="subsidy_award", amount=Decimal("12300"))
    replacement = letter_reissue(
        letter=letter, reason="金额更正", by=bureau_officer(), amount=Decimal("13500")
    )
    letter.refresh_from_db()
    assert letter.replaced_by == replacement
    assert replacement.sequence == letter.sequence + 1
    assert replacement.amount == Decimal("13500")
    assert replacement.is_valid and not letter.is_valid


def test_a_failed_render_is_retried_and_recorded_for_staff(organisation, monkeypatch):
    from django.core.management import call_command

    calls = []

    def broken(html):
        calls.append(html)
        raise OSError("font cache unavailable")

    monkeypatch.setattr("incubator.kernel.services.letter_rendering.html_to_pdf", broken)
    letter = issue_letter(organisation)
    from incubator.kernel.tasks import render_letter

    render_letter.call(letter.pk)
    letter.refresh_from_db()
    assert len(calls) == 3  # tried, then retried until the attempts ran out
    assert letter.render_status == Letter.RenderStatus.FAILED
    assert "font cache unavailable" in letter.render_error

    monkeypatch.undo()
    call_command("render_letters")
    letter.refresh_from_db()
    assert letter.render_status == Letter.RenderStatus.READY
