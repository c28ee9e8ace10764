"""The tender index: a table on wide screens (title, category, budget, deadline in China
Standard Time, status) with the number of tenders found; cards on phones, by CSS alone."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

import pytest

from tests.factories import tender_page

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_index_is_a_table_with_the_number_of_tenders(client, index):
    deadline = datetime(2027, 3, 5, 17, 0, tzinfo=SHANGHAI)
    for n in range(3):
        tender_page(index, title=f"第{n}号项目", budget_ceiling=123456, deadline=deadline)
    html = client.get(index.url).content.decode()
    assert re.search(r'<p class="tender-count" role="status">共3个项目</p>', html)
    table = re.search(r'<table class="table tender-table">.*?</table>', html, re.S).group(0)
    assert table.count("<tr>") == 4  # the heading and three tenders
    assert "截止时间（北京时间）" in table
    assert "¥123,456.00" in table
    assert "17:00" in table  # the deadline in China Standard Time
    assert 'data-label="预算上限"' in table


def test_the_count_follows_the_filters(client, index):
    tender_page(index, title="甲号项目", category="home_care")
    tender_page(index, title="乙号项目", category="mental_health")
    html = client.get(index.url, {"category": "mental_health"}).content.decode()
    assert "共1个项目" in html and "甲号项目" not in html


def test_on_phones_the_table_becomes_cards_without_scrolling():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    phone = css[css.index("@media (max-width: 37.5rem)") :]
    assert ".tender-table, .tender-table tbody, .tender-table tr, .tender-table td" in phone
    assert "display: block" in phone and "overflow: visible" in phone
