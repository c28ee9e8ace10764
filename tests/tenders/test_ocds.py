"""The public OCDS release packages of tenders: valid against the standard's schemas (read from
tests/data, no network), only published tenders, and nothing sealed or personal before the
award."""

import json
from datetime import datetime
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT4

from incubator.kernel.publications import publication_build
from tests.factories import (
    awarded,
    bidder,
    submitted_bid,
    tender_index,
    tender_page,
)
from tests.open_data import fetch_json

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "ocds-1.1.5"
BULK = "/open-data/ocds/tenders.json"


def url(tender) -> str:
    return f"/open-data/ocds/tenders/{tender.reference}.json"


def validator() -> Draft4Validator:
    """The package schema with its reference to the release schema resolved to the local copy,
    and a date-time check (jsonschema checks the format only with an optional package)."""
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = Registry().with_resource(release["id"], DRAFT4.create_resource(release))
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value) -> bool:
        return not isinstance(value, str) or (
            "T" in value and datetime.fromisoformat(value).tzinfo is not None
        )

    return Draft4Validator(package, registry=registry, format_checker=checker)


def assert_valid(package: dict) -> None:
    errors = [f"{list(error.path)}: {error.message}" for error in validator().iter_errors(package)]
    assert not errors


def test_an_open_tender_is_valid_ocds_and_hides_its_bids(client, open_tender, settings):
    settings.OCDS_PREFIX = "ocds-tcmzj"
    organisation, admin = bidder("太仓市悄悄投标服务社")
    submitted_bid(open_tender, organisation, admin, price="234567.89")
    response = client.get(url(open_tender))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    package = response.json()
    assert_valid(package)
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-tcmzj-{open_tender.reference}"
    assert release["tag"] == ["tender"]
    assert release["initiationType"] == "tender"
    assert release["language"] == "zh"
    tender = release["tender"]
    assert tender["status"] == "active"
    assert tender["value"] == {"amount": 300000.0, "currency": "CNY"}
    assert tender["procurementMethod"] == "open"
    assert tender["mainProcurementCategory"] == "services"
    assert "服务方案: 50/100" in tender["awardCriteriaDetails"]
    assert tender["eligibilityCriteria"]
    assert "numberOfTenderers" not in tender and "tenderers" not in tender
    assert "awards" not in release and "contracts" not in release
    assert [party["roles"] for party in release["parties"]] == [["buyer", "procuringEntity"]]
    body = response.content.decode()
    for secret in ("234567.89", "234567", "太仓市悄悄投标服务社", organisation.credit_code):
        assert secret not in body
    for person in ("王芳", "王小明", "小明", admin.email):  # contact and admin of the bidder
        assert person not in body


def test_an_awarded_tender_with_a_contract_is_valid_ocds(client, index):
    tender, bids = awarded(index)
    package = client.get(url(tender)).json()
    assert_valid(package)
    [release] = package["releases"]
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["tender"]["status"] == "complete"
    assert release["tender"]["numberOfTenderers"] == 2
    winner = bids[0].organisation
    parties = {party["id"]: party for party in release["parties"]}
    supplier = parties[f"CN-USCI-{winner.credit_code}"]
    assert supplier["identifier"] == {
        "scheme": "CN-USCI",
        "id": winner.credit_code,
        "legalName": winner.name,
    }
    assert set(supplier["roles"]) == {"supplier", "tenderer"}
    assert parties[f"CN-USCI-{bids[1].organisation.credit_code}"]["roles"] == ["tenderer"]
    [award] = release["awards"]
    assert award["status"] == "active"
    assert award["value"] == {"amount": 234567.89, "currency": "CNY"}
    assert award["suppliers"] == [{"id": supplier["id"], "name": winner.name}]
    [contract] = release["contracts"]
    assert contract["awardID"] == award["id"]
    assert contract["status"] == "pending"
    assert contract["value"] == award["value"]
    body = json.dumps(package, ensure_ascii=False)
    assert "250000" not in body  # the losing bid's price
    assert "王芳" not in body and "小明" not in body


def test_a_pending_award_is_published_without_a_contract(client, index):
    tender, _ = awarded(index, final=False)
    package = client.get(url(tender)).json()
    assert_valid(package)
    [release] = package["releases"]
    assert release["tag"] == ["tender", "award"]
    assert release["awards"][0]["status"] == "pending"
    assert "contracts" not in release


def test_the_bulk_package_lists_every_published_tender(client, site, index, open_tender):
    tender, _ = awarded(index)
    draft = tender_page(index, publish=False)
    cancelled = tender_page(index, cancelled_at=timezone.now(), cancellation_reason="预算调整。")
    tender_page(tender_index(site.home_en), source=open_tender)  # the English page: same process
    package = fetch_json(client, BULK)
    assert_valid(package)
    releases = {release["tender"]["id"]: release for release in package["releases"]}
    assert set(releases) == {open_tender.reference, tender.reference, cancelled.reference}
    assert releases[cancelled.reference]["tender"]["status"] == "cancelled"
    assert releases[cancelled.reference]["tag"] == ["tenderCancellation"]
    assert draft.reference not in json.dumps(package)
    assert client.get(url(draft)).status_code == 404
    assert client.get("/open-data/ocds/tenders/NO-SUCH.json").status_code == 404


def test_the_bulk_package_builds_in_the_same_number_of_queries_for_more_tenders(client, index):
    awarded(index)
    tender_page(index)
    tender_page(index)
    publication_build("ocds-tenders")  # the pages a build replaces
    with CaptureQueriesContext(connection) as few:
        publication_build("ocds-tenders", force=True)
    awarded(index)
    awarded(index, final=False)
    for _ in range(5):
        tender_page(index)
    with CaptureQueriesContext(connection) as more:
        publication_build("ocds-tenders", force=True)
    assert len(fetch_json(client, BULK)["releases"]) == 10
    assert len(few) == len(more)


def test_the_tender_pages_link_to_their_open_data(client, index, open_tender):
    page = client.get(open_tender.url).content.decode()
    assert f'href="{url(open_tender)}"' in page
    assert client.get(url(open_tender)).status_code == 200
    assert f'href="{BULK}"' in client.get(index.url).content.decode()
