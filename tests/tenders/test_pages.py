from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Task, Workflow, WorkflowPage

import pytest

from tenders.models import TenderPage, TenderStatus, criteria_problems
from tenders.workflow import TASK_NAME, WORKFLOW_NAME, sync_tender_workflow
from tests.factories import tender_page
from tests.factories.tenders import en_locale


def test_criteria_must_sum_to_100_with_a_price_weight_of_at_least_10():
    assert (
        criteria_problems([{"weight": 60, "is_price": False}, {"weight": 40, "is_price": True}])
        == []
    )
    assert (
        len(
            criteria_problems([{"weight": 60, "is_price": False}, {"weight": 30, "is_price": True}])
        )
        == 1
    )
    assert (
        len(criteria_problems([{"weight": 95, "is_price": False}, {"weight": 5, "is_price": True}]))
        == 1
    )
    assert len(criteria_problems([{"weight": 100, "is_price": False}])) == 1


def test_a_tender_whose_weights_do_not_sum_to_100_cannot_be_saved(index):
    with pytest.raises(ValidationError, match="add up to 90"):
        tender_page(index, criteria=[("方案", 60, False), ("价格", 30, True)])


def test_a_tender_without_a_price_criterion_cannot_be_saved(index):
    with pytest.raises(ValidationError, match="price criterion"):
        tender_page(index, criteria=[("方案", 100, False)])


def test_the_reference_is_unique_among_tenders(index):
    first = tender_page(index)
    with pytest.raises(ValidationError, match="reference"):
        tender_page(index, reference=first.reference)


def test_status_follows_the_clock_and_cancellation(index):
    now = timezone.now()
    tender = tender_page(index, opens_at=now + timedelta(days=1), deadline=now + timedelta(days=5))
    assert tender.status(now) == TenderStatus.UPCOMING
    assert tender.status(now + timedelta(days=2)) == TenderStatus.OPEN
    assert tender.status(now + timedelta(days=6)) == TenderStatus.CLOSED
    tender.cancelled_at = now
    assert tender.status(now) == TenderStatus.CANCELLED


def test_a_translation_shares_the_process_of_its_source(site, index):
    from tests.factories import tender_index

    en_index = tender_index(site.home_en)
    source = tender_page(index)
    english = tender_page(en_index, source=source, title="Home care")
    assert english.tender == source.tender and english.tender.pk == source.pk
    assert english.locale == en_locale()


def test_the_index_lists_filters_and_searches(client, index):
    now = timezone.now()
    tender_page(index, title="甲号项目", category="home_care")
    tender_page(index, title="乙号项目", category="mental_health")
    tender_page(
        index, title="旧项目", opens_at=now - timedelta(days=30), deadline=now - timedelta(days=2)
    )
    html = client.get(index.url).content.decode()
    assert "甲号项目" in html and "乙号项目" in html and "旧项目" in html
    html = client.get(index.url, {"category": "mental_health"}).content.decode()
    assert "乙号项目" in html and "甲号项目" not in html
    html = client.get(index.url, {"status": "closed"}).content.decode()
    assert "旧项目" in html and "甲号项目" not in html
    html = client.get(index.url, {"q": "甲号"}).content.decode()
    assert "甲号项目" in html and "乙号项目" not in html


def test_the_feed_shows_only_public_facts(client, index, organisation, org_admin):
    from tests.factories import submitted_bid

    tender = tender_page(index, title="社区服务项目")
    submitted_bid(tender, organisation, org_admin, price="123456.78")
    response = client.get(index.url + "feed/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "社区服务项目" in body and tender.reference in body
    assert "123456.78" not in body and organisation.name not in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_and_tender_page_query_counts_do_not_grow(client, index):
    tenders = [tender_page(index) for _ in range(3)]
    index_small, page_small = _queries(client, index.url), _queries(client, tenders[0].url)
    for _ in range(27):
        tender_page(index)
    assert _queries(client, index.url) == index_small
    assert _queries(client, tenders[0].url) == page_small


def test_the_tender_page_shows_its_facts(client, open_tender):
    html = client.get(open_tender.url).content.decode()
    assert open_tender.reference in html
    assert "¥300,000.00" in html


def test_the_approval_workflow_covers_the_tender_index(index):
    workflow = sync_tender_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert WorkflowPage.objects.filter(page=index, workflow=workflow).exists()
    sync_tender_workflow()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert TenderPage.objects.count() == 0


def test_the_approval_workflow_reads_in_chinese_and_english(index):
    # A database set up before the names carried both languages.
    sync_tender_workflow()
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name="Tender approval")
    Task.objects.filter(name=TASK_NAME).update(name="Bureau approval")
    workflow = sync_tender_workflow()
    assert Workflow.objects.filter(name="Tender approval").count() == 0
    assert workflow.name.startswith("招标审批")
    assert "Tender approval" in workflow.name
    assert [task.name for task in workflow.tasks] == [TASK_NAME]
    assert TASK_NAME.startswith("民政局审批")
