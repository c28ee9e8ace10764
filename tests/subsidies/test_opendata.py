"""The public 360Giving package of approved staff-cost subsidies: valid against the standard's
schemas (read from tests/data, no network), only approved grants, and no staff's personal
data."""

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from incubator.kernel.publications import publication_build
from subsidies.services.disbursements import subsidy_application_disburse
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    recommended_application,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.open_data import body, fetch_json

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "360giving"
URL = "/open-data/360giving.json"


@pytest.fixture(autouse=True)
def _letterhead():
    """Approvals issue award letters, which need the letterhead's reference prefixes."""
    letterhead_settings()


def validator() -> Draft202012Validator:
    """The package schema, its reference to the grant schema resolved to the local copy, and
    a format checker that tells a date-time from a plain date (the schema's ``oneOf`` needs
    it: without one, "2026-01-01" would match both branches)."""
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    # The schemas name their dialect "http://json-schema.org/draft/2020-12/schema" (http, not
    # https), which ``referencing`` does not recognise: the dialect is given here.
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [(package["properties"]["grants"]["items"]["$ref"], resource), (grant["$id"], resource)]
    )
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_datetime(value) -> bool:
        return not isinstance(value, str) or ("T" in value and bool(datetime.fromisoformat(value)))

    return Draft202012Validator(package, registry=registry, format_checker=checker)


def approved_world():
    hub = HubFactory()
    scheme = scheme_factory(name="2026年度社会组织人员经费补贴", envelope=Decimal("500000.00"))
    paid = approved_application(
        OrganisationFactory(hub=hub, name="太仓市阳光社工服务中心"),
        scheme,
        lines=[staff_line(name="张秀英", monthly_salary=Decimal("6789.00"))],
    )
    subsidy_application_disburse(
        application=paid,
        amount=Decimal("10000.00"),
        paid_on=date(2026, 3, 1),
        payment_reference="TC-2026-001",
        by=bureau_officer(),
    )
    approved = approved_application(
        OrganisationFactory(hub=hub, name="太仓市暖心养老服务社", credit_code=""), scheme
    )
    recommended_application(OrganisationFactory(hub=hub, name="尚未批准的机构"), scheme)
    submitted_application(OrganisationFactory(hub=hub, name="刚提交的机构"), scheme)
    return paid, approved


def test_the_package_is_valid_360giving(client):
    approved_world()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    errors = [error.message for error in validator().iter_errors(json.loads(body(response)))]
    assert not errors


def test_only_approved_subsidies_are_published_with_their_amounts(client, settings):
    settings.OPEN_DATA_360G_PREFIX = "taicangmzj"
    paid, approved = approved_world()
    grants = {grant["id"]: grant for grant in fetch_json(client, URL)["grants"]}
    assert set(grants) == {f"360G-taicangmzj-{paid.pk}", f"360G-taicangmzj-{approved.pk}"}
    grant = grants[f"360G-taicangmzj-{paid.pk}"]
    assert grant["currency"] == "CNY"
    assert grant["amountAwarded"] == float(paid.approved_amount)
    assert grant["amountDisbursed"] == 10000
    assert grant["plannedDates"] == [
        {"startDate": "2026-01-01", "endDate": "2026-12-31", "duration": 12}
    ]
    assert grant["recipientOrganization"] == [
        {"id": f"CN-USCI-{paid.organisation.credit_code}", "name": "太仓市阳光社工服务中心"}
    ]
    no_code = grants[f"360G-taicangmzj-{approved.pk}"]["recipientOrganization"][0]
    assert no_code["id"] == f"360G-taicangmzj-org-{approved.organisation.pk}"
    assert grant["fundingOrganization"][0]["name"]


def test_no_staff_name_or_salary_is_published(client):
    approved_world()
    text = body(client.get(URL)).decode()
    assert "张秀英" not in text
    assert "6789" not in text
    assert "李娜" not in text  # the default staff line of the other applications


def test_the_package_builds_in_the_same_number_of_queries_for_more_grants():
    approved_world()
    publication_build("360giving")  # the pages a build replaces
    with CaptureQueriesContext(connection) as few:
        publication_build("360giving", force=True)
    approved_world()
    approved_world()
    with CaptureQueriesContext(connection) as more:
        publication_build("360giving", force=True)
    assert len(few) == len(more)
