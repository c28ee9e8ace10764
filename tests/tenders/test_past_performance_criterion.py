"""The past-performance criterion in the editor, on the public tender page and in OCDS: at
most one per tender, never also the price criterion, and its scoring rule published."""

from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

import pytest

from tenders.models import TenderPage
from tenders.rules import criteria_problems
from tests.factories import bureau_officer, tender_page

pytestmark = pytest.mark.django_db

CRITERIA = [("服务方案", 50, False), ("履约评价", 20, False, True), ("价格", 30, True)]


def _add(client, index, criteria):
    """Post a new tender through the Wagtail editor, in English."""
    officer = bureau_officer()
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(officer)
    rows = [
        {
            "name": name,
            "weight": str(weight),
            "is_price": "on" if price else "",
            "is_past_performance": "on" if past else "",
        }
        for name, weight, price, past in criteria
    ]
    data = nested_form_data(
        {
            "title": "日间照料中心运营项目",
            "slug": "day-care-2026",
            "reference": "TCMZ-2026-950",
            "commissioning_body": "太仓市民政局",
            "category": "home_care",
            "summary": "服务摘要",
            "body": streamfield([]),
            "budget_ceiling": "300000.00",
            "contract_months": "12",
            "opens_at": "2026-12-01 09:00",
            "deadline": "2026-12-20 17:00",
            "clarification_cutoff_hours": "72",
            "credit_code_required": "on",
            "min_months_incubated": "0",
            "no_poor_grade_years": "0",
            "criteria": inline_formset(rows, min=1),
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["eligible_stages"] = ["incubating"]
    url = reverse("wagtailadmin_pages:add", args=["tenders", "tenderpage", index.pk])
    return client.post(url, data)


def test_the_editor_refuses_two_past_performance_criteria(client, index):
    response = _add(
        client,
        index,
        [("方案", 40, False, False), ("履约", 20, False, True), ("信誉", 10, False, True),
         ("价格", 30, True, False)],
    )  # fmt: skip
    assert response.status_code == 200
    assert "at most one past-performance criterion" in response.content.decode()
    assert not TenderPage.objects.exists()


def test_the_editor_refuses_a_criterion_both_price_and_past_performance(client, index):
    response = _add(client, index, [("方案", 70, False, False), ("价格", 30, True, True)])
    assert response.status_code == 200
    assert (
        "both the price criterion and the past-performance criterion" in response.content.decode()
    )
    assert not TenderPage.objects.exists()


def test_the_editor_saves_a_tender_scored_on_past_performance(client, index):
    response = _add(
        client,
        index,
        [("方案", 50, False, False), ("履约", 20, False, True), ("价格", 30, True, False)],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [past] = TenderPage.objects.get().criteria.filter(is_past_performance=True)
    assert past.weight == 20 and not past.is_price and not past.is_judged


def test_the_rules_refuse_two_or_a_double_criterion_in_chinese_too():
    two = [
        {"name": "方案", "weight": 50},
        {"name": "履约", "weight": 10, "is_past_performance": True},
        {"name": "信誉", "weight": 10, "is_past_performance": True},
        {"name": "价格", "weight": 30, "is_price": True},
    ]
    both = [{"name": "方案", "weight": 70}, {"name": "价格", "weight": 30, "is_price": True,
                                            "is_past_performance": True}]  # fmt: skip
    assert criteria_problems([{"name": "方案", "weight": 60}, two[1], two[3]]) == []
    with translation.override("zh-hans"):
        assert [str(p) for p in criteria_problems(two)] == [
            "一个招标项目最多只能有一项履约评价评审因素。"
        ]
        assert [str(p) for p in criteria_problems(both)] == [
            "评审因素“价格”不能既是价格评审因素又是履约评价评审因素。"
        ]


def test_the_tender_page_and_ocds_say_how_past_performance_is_scored(client, index):
    tender = tender_page(index, criteria=CRITERIA)
    with translation.override("zh-hans"):
        page = client.get(tender.url).content.decode()
    assert "data-past-performance-rule" in page
    assert "截止日前2年内结束、并于截止日前验收通过并考核定级的服务期平均得分" in page
    assert "按权重的60%计分" in page
    release = client.get(f"/open-data/ocds/tenders/{tender.reference}.json").json()
    details = release["releases"][0]["tender"]["awardCriteriaDetails"]
    assert "履约评价: 20/100" in details
    assert "截止日前2年内" in details and "60%" in details


def test_a_tender_without_the_criterion_says_nothing_of_it(client, index):
    tender = tender_page(index)
    with translation.override("zh-hans"):
        page = client.get(tender.url).content.decode()
    assert "data-past-performance-rule" not in page
