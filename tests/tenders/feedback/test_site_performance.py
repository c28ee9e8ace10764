"""A site's public performance page: each month's mean rating as a chart and a table,
verified and unverified answers apart, complaints answered in time and the residents' rating
of the answers, the contract's latest grade, and only comments published after moderation
(masked); the same queries whatever the number of answers and complaints."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from tenders.services.complaints import complaint_answer, complaint_file, complaint_rate
from tenders.services.feedback import feedback_moderate, feedback_submit
from tenders.services.reports import contract_report_accept
from tests.factories import member_of
from tests.factories.delivery import file_report, with_kpis

pytestmark = pytest.mark.django_db


def _url(site) -> str:
    return f"/zh-hans/feedback/{site.code}/performance/"


def _answer(site, rating, *, days=0, comment="", n=0):
    return feedback_submit(
        site=site,
        rating=rating,
        comment=comment,
        device_token=f"phone-{n}-{days}",
        now=timezone.now() - timedelta(days=days),
    )


def _complaint(site, *, days):
    return complaint_file(
        site=site,
        category="meals",
        description="饭菜凉了。",
        now=timezone.now() - timedelta(days=days),
    )


def test_the_page_shows_months_complaints_grade_and_published_comments_only(
    client, site, officer, contract
):
    provider = member_of(contract.organisation, "member")
    _answer(site, 5, days=40, n=1)
    _answer(site, 3, days=40, n=2)
    published = _answer(site, 4, comment="护理员很耐心，电话13912345678。", n=3)
    feedback_moderate(response=published, publish=True, by=officer)
    _answer(site, 1, comment="还没审核的评论", n=4)
    on_time = complaint_answer(complaint=_complaint(site, days=1), answer="已处理。", by=provider)
    complaint_rate(complaint=on_time, rating=5)
    late = _complaint(site, days=30)
    complaint_answer(complaint=late, answer="抱歉晚了。", by=provider)
    _complaint(site, days=20)  # never answered: late, counted against the provider
    with_kpis(contract, officer)
    contract_report_accept(report=file_report(contract.reports.get(number=1), provider), by=officer)
    html = client.get(_url(site)).content.decode()
    assert site.name in html and "<svg" in html
    assert "4.0" in html  # the month of the two answers of 5 and 3
    assert "护理员很耐心，电话[手机号]。" in html
    assert "13912345678" not in html and "还没审核的评论" not in html
    assert "1（占应答复投诉的33%）" in html  # one of three in time
    assert "饭菜凉了" not in html  # complaints are counted, never shown
    assert "最近一期考核等级" in html and "优" in html


def test_an_unknown_site_is_404(client, db):
    assert client.get("/zh-hans/feedback/nosuchsite/performance/").status_code == 404


def test_the_page_costs_the_same_queries_for_more_answers_and_complaints(client, site):
    _answer(site, 4, n=1)
    _complaint(site, days=3)
    client.get(_url(site))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(site))
    for n in range(2, 8):
        _answer(site, n % 5 + 1, days=n * 31, n=n)
        _complaint(site, days=n)
    with CaptureQueriesContext(connection) as many:
        client.get(_url(site))
    assert len(many) == len(few)


def test_the_tender_page_links_to_the_sites_performance_pages(client, site, contract, officer):
    from tenders.services.contracts import contract_publish, contract_sign

    contract = contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    contract_publish(contract=contract, by=officer)
    html = client.get(contract.tender.source_page.url).content.decode()
    assert _url(site) in html and "城厢镇日间照料中心服务表现" in html
