"""The English tender page shows its own translated criteria and required documents (and the
original's, labelled, only where it has none), labels questions answered in Chinese, invites a
visitor to log in to bid or apply to join, and any public page links to letter verification."""

import pytest

from tenders.services.clarifications import clarification_answer, clarification_ask
from tests.factories import bureau_officer, tender_index, tender_page

pytestmark = pytest.mark.django_db
EN_CRITERIA = [("Service plan", 50, False), ("Team and experience", 20, False), ("Price", 30, True)]


@pytest.fixture
def english(site, index):
    source = tender_page(index, required_documents="登记证书\n上年度财务报表")
    return tender_page(
        tender_index(site.home_en),
        source=source,
        title="Home care for older people",
        criteria=EN_CRITERIA,
        required_documents="Registration certificate\nFinancial statements",
    )


def test_the_english_page_shows_its_own_criteria_and_required_documents(client, english):
    html = client.get(english.url).content.decode()
    for name, _, _ in EN_CRITERIA:
        assert name in html
    assert "服务方案" not in html and "团队与经验" not in html
    assert "Registration certificate" in html and "登记证书" not in html
    assert "Published in Chinese only" not in html


def test_without_its_own_the_english_page_shows_the_originals_labelled(client, site, index):
    source = tender_page(index, required_documents="登记证书")
    bare = tender_page(
        tender_index(site.home_en), source=source, title="Home care", criteria=EN_CRITERIA
    )
    html = client.get(bare.url).content.decode()
    assert html.count("Published in Chinese only") == 1
    assert 'lang="zh-Hans">登记证书' in html


def test_answers_in_chinese_are_labelled_on_the_english_page(
    client, english, organisation, org_admin
):
    question = clarification_ask(
        tender=english.tender,
        organisation=organisation,
        question="是否接受联合体投标？",
        by=org_admin,
    )
    clarification_answer(clarification=question, answer="不接受。", by=bureau_officer())
    html = client.get(english.url).content.decode()
    assert "是否接受联合体投标？" in html and "不接受。" in html
    assert 'class="qa" lang="zh-Hans"' in html
    assert "Asked and answered in Chinese" in html


def test_a_visitor_is_invited_to_log_in_to_bid_or_apply_to_join(client, english):
    html = client.get(english.url).content.decode()
    assert "Log in to bid" in html
    assert f'href="/en/accounts/login/?next={english.url}"' in html
    assert 'href="/en/incubator/apply/"' in html and "Apply to join the incubator" in html


def test_a_member_is_offered_the_bid_and_not_the_login(client, english, org_admin):
    client.force_login(org_admin)
    html = client.get(english.url).content.decode()
    assert "Prepare a bid" in html and "Log in to bid" not in html


def test_public_pages_link_to_letter_verification(client, site, english):
    for url in (site.home_zh.url, english.url):
        html = client.get(url).content.decode()
        assert "/letters/verify/" in html, url
