"""CSV and Excel exports of the admin lists: the rows of the listing with its filters, scoped
to the user, with translated headings and formula-like cells made harmless."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from incubator.models import Organisation
from tests.exports import csv_rows as rows
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    manager_of,
    milestone_for,
)
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hubs():
    east, west = HubFactory(name="东区基地"), HubFactory(name="西区基地")
    for hub in (east, west):
        organisation = incubating(hub, name=f"{hub.name}的机构")
        allocation(space_of(hub), organisation, 2, date(2026, 1, 1), date(2026, 6, 30))
        milestone_for(organisation, title=f"{hub.name}的里程碑")
    return east, west


@pytest.mark.parametrize(
    "url", ["/admin/organisations/", "/admin/allocations/", "/admin/milestones/"]
)
def test_a_hub_managers_export_holds_only_their_hubs_rows(client, two_hubs, url):
    east, _west = two_hubs
    client.force_login(manager_of(east))
    exported = "\n".join(",".join(row) for row in rows(client.get(url, {"export": "csv"})))
    assert "东区基地的机构" in exported
    assert "西区基地" not in exported


def test_the_export_keeps_the_listings_filters(client, two_hubs):
    east, west = two_hubs
    OrganisationFactory(hub=east, name="已毕业机构", stage=Organisation.Stage.GRADUATED)
    client.force_login(bureau_officer())
    response = client.get("/admin/organisations/", {"stage": "graduated", "export": "csv"})
    names = [row[0] for row in rows(response)[1:]]
    assert names == ["已毕业机构"]


def test_a_formula_in_a_cell_is_neutralised_in_csv(client, two_hubs):
    east, _west = two_hubs
    incubating(east, name="=1+1")
    client.force_login(manager_of(east))
    names = [row[0] for row in rows(client.get("/admin/organisations/", {"export": "csv"}))]
    assert "'=1+1" in names
    assert "=1+1" not in names


def test_headings_are_translated(client, two_hubs):
    client.force_login(bureau_officer())
    response = client.get(
        "/admin/organisations/", {"export": "csv"}, headers={"accept-language": "zh-hans"}
    )
    headings, first = rows(response)[:2]
    assert "阶段" in headings
    assert "Incubating" not in first


def test_the_excel_export_is_scoped_too(client, two_hubs):
    east, _west = two_hubs
    client.force_login(manager_of(east))
    response = client.get("/admin/allocations/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    assert values[1][:2] == ["东区基地的机构", "东区基地"]
