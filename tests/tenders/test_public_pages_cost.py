"""The public tender pages stay within ten queries with warm caches, whatever the number of
tenders, and the index shows them a page at a time."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import tender_page

PUBLIC_PAGE_MAX_QUERIES = 10


def _warm_queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warms the page cache (menus, settings, ...)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_tender_pages_cost_at_most_ten_queries(client, index):
    now = timezone.now()
    open_tender = tender_page(index)
    closed = tender_page(index, opens_at=now - timedelta(days=30), deadline=now - timedelta(days=1))
    urls = [index.url, open_tender.url, closed.url]
    few = {url: _warm_queries(client, url) for url in urls}
    for _ in range(25):
        tender_page(index)
    many = {url: _warm_queries(client, url) for url in urls}
    assert few == many
    assert max(many.values()) <= PUBLIC_PAGE_MAX_QUERIES, many


def test_the_index_shows_twenty_tenders_a_page(client, index):
    for _ in range(25):
        tender_page(index)
    first = client.get(index.url).content.decode()
    assert first.count("<tr>") == 1 + 20  # the table's heading, then a row per tender
    assert "共25个项目" in first  # the number found, over every page
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get(f"{index.url}?page=2").content.decode()
    assert second.count("<tr>") == 1 + 5
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert client.get(f"{index.url}?page=nonsense").status_code == 200


def test_a_tender_is_found_below_the_index_and_the_feed_still_answers(client, index):
    tender = tender_page(index)
    assert client.get(tender.url).status_code == 200
    assert client.get(f"{index.url}feed/").status_code == 200
    assert client.get(f"{index.url}no-such-tender/").status_code == 404
    tender.unpublish()
    assert client.get(tender.url).status_code == 404
