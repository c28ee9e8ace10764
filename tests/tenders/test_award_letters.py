"""Award and regret letters read as a 公文: titled 中标通知书 and 未中标通知书 with the project
named in the text, dates written out, and a time to sign the contract that follows the law
(within 30 days of the notice, Government Procurement Law Art. 46) and comes after the
challenge period it mentions."""

from datetime import date, timedelta

import pytest

from incubator.kernel.services.letters import letter_html, letter_reissue
from incubator.models import Letter
from tests.tenders.test_awards import DECIDED_AT, _award, evaluated  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(evaluated):  # noqa: F811
    tender, officer, bids = evaluated
    award = _award(tender, officer, bids[0])
    found = {letter.kind: letter for letter in Letter.objects.all()}
    return tender, award, found["tender_award"], found["tender_regret"]


def test_award_and_regret_letters_are_titled_as_notices_and_name_the_project(letters):
    tender, _, award_letter, regret_letter = letters
    assert award_letter.title == "中标通知书"
    assert regret_letter.title == "未中标通知书"
    award_html, regret_html = letter_html(award_letter), letter_html(regret_letter)
    assert "<h1>中标通知书</h1>" in award_html
    assert "<h1>未中标通知书</h1>" in regret_html
    for html in (award_html, regret_html):
        assert tender.title in html and tender.reference in html


def test_the_award_letter_writes_dates_in_chinese(letters):
    _, _, award_letter, _ = letters
    html = letter_html(award_letter)
    assert "2026年6月1日至2027年5月31日" in html
    assert "2026-06-01" not in html


def test_the_contract_is_signed_after_the_challenge_period_within_30_days(letters):
    _, award, award_letter, regret_letter = letters
    sign_by = DECIDED_AT.date() + timedelta(days=30)
    assert sign_by == date(2026, 5, 30)
    assert award.challenge_ends_on == date(2026, 5, 14) < sign_by
    html = letter_html(award_letter)
    assert "第四十六条" in html and "三十日内" in html
    assert "2026年5月14日届满后、2026年5月30日前" in html
    assert "五个工作日" not in html
    assert "2026年5月14日届满前" in letter_html(regret_letter)


def test_the_english_letters_say_notice_of_award_and_write_english_dates(letters):
    _, _, award_letter, regret_letter = letters
    english = letter_reissue(letter=award_letter, reason="英文版", by=None, language="en")
    html = letter_html(english)
    assert "<h1>Notice of Award</h1>" in html
    assert "1 June 2026 to 31 May 2027" in html
    assert "within 30 days of the date of this notice" in html and "30 May 2026" in html
    english = letter_reissue(letter=regret_letter, reason="英文版", by=None, language="en")
    assert "<h1>Notice of Unsuccessful Bid</h1>" in letter_html(english)
