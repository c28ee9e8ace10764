"""The bulk open-data packages as publications (``incubator.kernel.publications``): built in
pages linked by ``links``, served from their files with ETag and Last-Modified in one query,
rebuilt only when their data changed, and never built in the request of an anonymous visitor
once the worker does it."""

import json
from unittest import mock

from django.core.files.storage import default_storage
from django.core.management import call_command

import pytest

from incubator.kernel import publications
from incubator.kernel.models import PublishedPage
from incubator.kernel.publications import PUBLICATION_BLOCK_SIZE, publication_build
from tests.factories import awarded, letterhead_settings, tender_page
from tests.open_data import body, fetch_json
from tests.subsidies.test_opendata import approved_world
from tests.subsidies.test_opendata import validator as giving_validator
from tests.tenders.test_ocds import assert_valid as assert_valid_ocds

pytestmark = pytest.mark.django_db
GIVING = "/open-data/360giving.json"
OCDS = "/open-data/ocds/tenders.json"


@pytest.fixture(autouse=True)
def _letterhead():
    """Approvals issue award letters, which need the letterhead's reference prefixes."""
    letterhead_settings()


def test_the_360giving_package_comes_in_linked_pages_each_valid(client, settings):
    settings.OPEN_DATA_PAGE_SIZE = 1
    approved_world()  # two published grants
    first = fetch_json(client, GIVING)
    assert len(first["grants"]) == 1
    assert first["links"] == {"next": "http://testserver/open-data/360giving-2.json"}
    second = fetch_json(client, "/open-data/360giving-2.json")
    assert len(second["grants"]) == 1
    assert second["links"] == {"prev": "http://testserver/open-data/360giving.json"}
    assert first["grants"][0]["id"] != second["grants"][0]["id"]
    for package in (first, second):
        assert not list(giving_validator().iter_errors(package))
    assert client.get("/open-data/360giving-3.json").status_code == 404


def test_the_ocds_package_comes_in_linked_pages_each_valid(client, settings, index):
    settings.OPEN_DATA_PAGE_SIZE = 2
    awarded(index)
    tender_page(index)
    tender_page(index)
    first = fetch_json(client, OCDS)
    assert len(first["releases"]) == 2
    assert first["links"] == {"next": "http://testserver/open-data/ocds/tenders-2.json"}
    second = fetch_json(client, "/open-data/ocds/tenders-2.json")
    assert len(second["releases"]) == 1
    assert second["links"] == {"prev": "http://testserver/open-data/ocds/tenders.json"}
    for package in (first, second):
        assert_valid_ocds(package)


def test_a_built_page_costs_one_query_and_answers_304_to_a_client_that_has_it(
    client, django_assert_num_queries
):
    approved_world()
    publication_build("360giving")
    with django_assert_num_queries(1):
        response = client.get(GIVING)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=900" in response["Cache-Control"]
    etag, modified = response["ETag"], response["Last-Modified"]
    assert json.loads(body(response))["grants"]
    again = client.get(GIVING, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.content
    assert client.get(GIVING, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(GIVING, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_page_is_read_in_large_blocks_not_djangos_four_kilobytes(client, monkeypatch):
    # Small blocks here (the page is a few kilobytes), smaller than Django's 4,096 bytes: the
    # page comes in several blocks of exactly that size only if the response uses it.
    monkeypatch.setattr(publications, "PUBLICATION_BLOCK_SIZE", 500)
    approved_world()
    publication_build("360giving")
    page = PublishedPage.objects.get(publication="360giving", number=1)
    blocks = [len(block) for block in client.get(GIVING).streaming_content]
    assert page.size > 4 * 500
    assert len(blocks) > 4 and set(blocks[:-1]) == {500}
    assert sum(blocks) == page.size
    assert PUBLICATION_BLOCK_SIZE >= 64 * 1024  # the real size


def test_it_is_rebuilt_only_when_its_data_changed_and_old_files_are_deleted(
    client, django_capture_on_commit_callbacks
):
    approved_world()
    assert publication_build("360giving") == 1
    old = PublishedPage.objects.get(publication="360giving")
    assert publication_build("360giving") == 0  # nothing changed
    with django_capture_on_commit_callbacks(execute=True):
        approved_world()
        assert publication_build("360giving") == 1
    new = PublishedPage.objects.get(publication="360giving")
    assert new.etag != old.etag
    assert not default_storage.exists(old.path)
    assert default_storage.exists(new.path)
    assert len(fetch_json(client, GIVING)["grants"]) == 4


def test_before_its_first_build_a_request_enqueues_it_once_and_asks_to_come_back(client):
    approved_world()
    with mock.patch("incubator.kernel.tasks.build_publication") as task:
        first = client.get(GIVING, HTTP_ACCEPT_LANGUAGE="zh-hans")
        second = client.get(GIVING)
    assert first.status_code == second.status_code == 503
    assert first["Retry-After"] == "60"
    assert "正在准备" in json.loads(first.content)["error"]
    task.enqueue.assert_called_once_with("360giving")
    publication_build("360giving")  # the worker runs the task
    assert fetch_json(client, GIVING)["grants"]


def test_the_command_builds_what_changed(capsys):
    approved_world()
    call_command("publish_open_data")
    call_command("publish_open_data", "360giving")
    output = capsys.readouterr().out
    assert "360giving: 1 page(s) built" in output
    assert "ocds-tenders: 1 page(s) built" in output
    assert "360giving: up to date" in output
