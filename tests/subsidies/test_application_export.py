"""The subsidy applications list exports what the listing shows: a hub manager's export holds
their hubs' applications only, with the status filter applied."""

import pytest

from tests.exports import csv_rows as rows
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    manager_of,
    scheme_factory,
    submitted_application,
)
from tests.factories.subsidies import draft_application

pytestmark = pytest.mark.django_db


def test_a_hub_managers_export_holds_only_their_hubs_applications(client):
    east, west = HubFactory(name="东区基地"), HubFactory(name="西区基地")
    scheme = scheme_factory()
    submitted_application(OrganisationFactory(hub=east, name="东区机构"), scheme)
    submitted_application(OrganisationFactory(hub=west, name="西区机构"), scheme)
    client.force_login(manager_of(east))
    exported = rows(client.get("/admin/subsidy_applications/", {"export": "csv"}))
    assert [row[:2] for row in exported[1:]] == [["东区机构", "东区基地"]]


def test_the_export_applies_the_status_filter(client):
    hub = HubFactory()
    scheme = scheme_factory()
    submitted_application(OrganisationFactory(hub=hub, name="已提交机构"), scheme)
    draft_application(OrganisationFactory(hub=hub, name="草稿机构"), scheme)
    client.force_login(bureau_officer())
    response = client.get("/admin/subsidy_applications/", {"status": "submitted", "export": "csv"})
    assert [row[0] for row in rows(response)[1:]] == ["已提交机构"]
