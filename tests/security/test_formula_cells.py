"""Exports neutralise what a spreadsheet would run: every text cell starting with = + - @ (or a
tab or carriage return) that a user typed is exported as plain text, in CSV and in Excel."""

import io
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from incubator.incubation.services.spaces import space_allocate
from incubator.models import Space
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    milestone_for,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.security.hostile import FORMULAS, csv_rows

pytestmark = pytest.mark.django_db

CSV_EXPORTS = [
    ("organisations:index", {"export": "csv"}),
    ("allocations:index", {"export": "csv"}),
    ("milestones:index", {"export": "csv"}),
    ("subsidy_applications:index", {"export": "csv"}),
    ("schemes:budget_csv", {}),
]
XLSX_EXPORTS = [
    ("organisations:index", {"export": "xlsx"}),
    ("allocations:index", {"export": "xlsx"}),
    ("milestones:index", {"export": "xlsx"}),
    ("subsidy_applications:index", {"export": "xlsx"}),
    ("schemes:budget_xlsx", {}),
]


@pytest.fixture
def hostile_rows(client):
    """Organisations, a hub, a scheme, spaces and milestones whose names are formulas, each
    organisation with an allocation, a milestone and a submitted subsidy application."""
    hub = HubFactory(name='=HYPERLINK("http://evil")')
    scheme = scheme_factory(name="@SUM(1+1)", hubs=[hub])
    space = Space.objects.create(hub=hub, code="-A1", kind="shared_area", seats=50)
    officer = bureau_officer()
    for formula in FORMULAS:
        organisation = OrganisationFactory(
            hub=hub, name=formula, name_en=formula, contact_name=formula
        )
        incubation_for(
            organisation,
            # The whole of the scheme's period (2026), whose months the applications cover.
            started_on=date(2026, 1, 1),
            planned_end_on=max(date(2027, 6, 30), timezone.localdate() + timedelta(days=60)),
        )
        milestone_for(organisation, title=formula)
        space_allocate(
            space=space,
            organisation=organisation,
            seats=1,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=30),
            by=officer,
        )
        submitted_application(organisation, scheme, lines=[staff_line(name=formula)])
    client.force_login(officer)
    return scheme


def _url(name: str, scheme) -> str:
    return reverse(name, args=[scheme.pk]) if name.startswith("schemes:") else reverse(name)


@pytest.mark.parametrize(("name", "params"), CSV_EXPORTS)
def test_csv_exports_neutralise_formula_cells(client, hostile_rows, name, params):
    rows = csv_rows(client.get(_url(name, hostile_rows), params))
    cells = [cell for row in rows[1:] for cell in row]
    # Every organisation is exported, each as plain text.
    for formula in FORMULAS:
        assert "'" + formula in cells, f"{formula!r} missing or not neutralised"
    runnable = [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    runnable += [cell for cell in cells if cell.startswith("-") and not _is_number(cell)]
    assert not runnable, f"{name}: cells a spreadsheet would run: {runnable}"


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(("name", "params"), XLSX_EXPORTS)
def test_excel_exports_hold_no_formula(client, hostile_rows, name, params):
    response = client.get(_url(name, hostile_rows), params)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    formulas = [cell.value for cell in cells if cell.data_type == "f"]
    assert not formulas, f"{name}: formula cells {formulas}"
    # XML turns a carriage return into a line feed: compare without the leading space.
    texts = {str(cell.value).strip().lstrip("'") for cell in cells if cell.value is not None}
    missing = {formula.strip() for formula in FORMULAS} - texts
    assert not missing, f"{name}: organisations missing from the export: {missing}"
