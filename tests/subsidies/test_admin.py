"""The back office: scoped lists with constant queries, the inspect view's actions, the approve
form with the envelope, the budget page and its exports, and the locked rules."""

import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from subsidies.models import Scheme, SubsidyApplication
from tests.exports import csv_rows
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    approved_application,
    bureau_officer,
    letterhead_settings,
    manager_of,
    recommended_application,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.factories.subsidies import hub_manager

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _letterhead(monkeypatch):
    letterhead_settings()
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)


@pytest.fixture
def bureau(client):
    user = bureau_officer()
    client.force_login(user)
    return user


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/subsidy_applications/").status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_for_3_and_30_applications(client, bureau):
    hub = HubFactory()
    scheme = scheme_factory(envelope=Decimal("10000000"))
    for _ in range(3):
        submitted_application(OrganisationFactory(hub=hub), scheme)
    _list_queries(client)
    few = _list_queries(client)
    for _ in range(27):
        submitted_application(OrganisationFactory(hub=hub), scheme)
    assert _list_queries(client) == few


def test_a_hub_manager_lists_only_the_applications_of_their_hubs(client):
    scheme = scheme_factory()
    mine = submitted_application(OrganisationFactory(), scheme)
    theirs = submitted_application(OrganisationFactory(), scheme)
    client.force_login(hub_manager(mine.organisation))
    page = client.get("/admin/subsidy_applications/").content.decode()
    assert mine.organisation.name in page
    assert theirs.organisation.name not in page
    assert client.get(f"/admin/subsidy_applications/inspect/{theirs.pk}/").status_code == 404


def test_the_inspect_view_offers_the_actions_of_the_role_and_status(client, bureau):
    application = recommended_application(OrganisationFactory(), scheme_factory())
    page = client.get(f"/admin/subsidy_applications/inspect/{application.pk}/").content.decode()
    assert f"/admin/subsidy_applications/approve/{application.pk}/" in page
    assert f"/admin/subsidy_applications/reject/{application.pk}/" in page
    assert "/recommend/" not in page
    assert "李娜" in page  # the staff lines


def test_the_approve_form_shows_eligible_and_what_is_left(client, bureau):
    scheme = scheme_factory(envelope=Decimal("50000.00"))
    approved_application(OrganisationFactory(), scheme, amount=Decimal("20000"))
    application = recommended_application(OrganisationFactory(), scheme)
    url = f"/admin/subsidy_applications/approve/{application.pk}/"
    page = client.get(url).content.decode()
    assert "Eligible: ¥36,000.00" in page
    assert "¥30,000.00 of ¥50,000.00" in page
    response = client.post(url, {"approved_amount": "30000.01", "conditions": ""})
    assert "Not enough budget left: ¥30,000.00 left in" in response.content.decode()
    response = client.post(url, {"approved_amount": "25000.00", "conditions": "按季度报送"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.APPROVED
    assert application.approved_amount == Decimal("25000.00")


def test_a_hub_manager_recommends_from_the_back_office(client):
    application = submitted_application(OrganisationFactory(), scheme_factory())
    client.force_login(hub_manager(application.organisation))
    url = f"/admin/subsidy_applications/recommend/{application.pk}/"
    response = client.post(url, {"proposed_amount": "99999", "note": ""})
    assert "cannot exceed the eligible" in response.content.decode()
    assert client.post(url, {"proposed_amount": "", "note": "齐全"}).status_code == 302
    application.refresh_from_db()
    assert application.status == SubsidyApplication.Status.RECOMMENDED


def test_the_budget_page_shows_the_figures_as_text_and_chart(client, bureau):
    scheme = scheme_factory(envelope=Decimal("50000.00"))
    approved_application(OrganisationFactory(), scheme, amount=Decimal("20000"))
    page = client.get(f"/admin/schemes/budget/{scheme.pk}/").content.decode()
    assert "<svg" in page and "¥50,000.00" in page and "¥20,000.00" in page
    assert "¥30,000.00" in page  # available


def test_exports_neutralise_formulas_and_respect_the_hub(client):
    hub = HubFactory()
    scheme = scheme_factory()
    evil = OrganisationFactory(hub=hub, name="=HYPERLINK(1)")
    submitted_application(evil, scheme)
    other = submitted_application(OrganisationFactory(name="别处机构"), scheme)
    client.force_login(manager_of(hub))
    today = f"{timezone.localdate():%Y%m%d}"
    response = client.get(f"/admin/schemes/budget/{scheme.pk}/csv/")
    assert response["Content-Disposition"] == (
        f'attachment; filename="subsidy-scheme-{scheme.pk}-{today}.csv"'
    )
    rows = csv_rows(response)
    assert rows[0] == [
        "Organisation",
        "Hub",
        "Status",
        "Eligible (RMB)",
        "Recommended (RMB)",
        "Approved (RMB)",
        "Disbursed (RMB)",
        "Submitted at",
    ]
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)"]
    assert rows[1][3:7] == ["36000.00", "", "", "0.00"]
    assert other.organisation.name not in str(rows)
    response = client.get(f"/admin/schemes/budget/{scheme.pk}/xlsx/?status=submitted")
    assert f'filename="subsidy-scheme-{scheme.pk}-{today}.xlsx"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    # Text, never a formula: the cell is a string, and the workbook holds no formula at all.
    assert sheet["A2"].value.lstrip("'") == "=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        sheets = [name for name in workbook.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in workbook.read(name) for name in sheets)
    assert sheet["D2"].value == 36000
    assert sheet["D2"].number_format == "#,##0.00"


def test_the_workbook_holds_numbers_dates_in_china_time_and_text(client, bureau):
    application = submitted_application(
        OrganisationFactory(name="+86 512 5357 0000 服务社"), scheme_factory()
    )
    # 18:30 UTC is 02:30 the next morning in China.
    submitted = datetime(2026, 3, 1, 18, 30, tzinfo=UTC)
    SubsidyApplication.objects.filter(pk=application.pk).update(submitted_at=submitted)
    response = client.get("/admin/subsidy_applications/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    row = dict(zip(headings, sheet[2], strict=True))
    name = row["Organisation"]
    assert name.data_type == "s" and name.value == "+86 512 5357 0000 服务社"
    assert row["Eligible (RMB)"].data_type == "n"
    assert row["Eligible (RMB)"].value == float(application.eligible_total)
    assert row["Submitted at"].value == datetime(2026, 3, 2, 2, 30)
    assert row["Submitted at"].is_date
    assert row["Decided at"].value is None


def test_the_budget_exports_speak_the_users_language(client):
    hub = HubFactory()
    scheme = scheme_factory()
    submitted_application(OrganisationFactory(hub=hub), scheme)
    client.force_login(manager_of(hub))
    response = client.get(
        f"/admin/schemes/budget/{scheme.pk}/csv/", headers={"accept-language": "zh-hans"}
    )
    headings, first = csv_rows(response)[:2]
    assert headings[0] == "机构" and "可补贴金额（元）" in headings
    assert "Submitted" not in first
    response = client.get(f"/admin/schemes/budget/{scheme.pk}/csv/")
    assert csv_rows(response)[0][0] == "Organisation"


def test_locked_rules_are_refused_in_the_admin_form(client, bureau):
    scheme = scheme_factory()
    approved_application(OrganisationFactory(), scheme, lines=[staff_line()])
    scheme.refresh_from_db()
    data = {
        "name": scheme.name,
        "year": scheme.year,
        "envelope": "100000.00",
        "opens_at": scheme.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": scheme.closes_at.strftime("%Y-%m-%d %H:%M"),
        "period_starts_on": "2026-01-01",
        "period_months": 12,
        "share": "0.60",
        "monthly_cap": "3000.00",
        "cap_assistant_social_worker": "3500.00",
        "cap_social_worker": "4000.00",
        "cap_senior_social_worker": "5000.00",
        "max_months": 12,
        "max_lines": 5,
        "eligible_stages": ["incubating"],
    }
    response = client.post(f"/admin/schemes/edit/{scheme.pk}/", data)
    assert response.status_code == 200
    assert "were locked on its first approval" in response.content.decode()
    assert Scheme.objects.get(pk=scheme.pk).share == Decimal("0.50")
    data["share"] = "0.50"
    data["envelope"] = "120000.00"
    response = client.post(f"/admin/schemes/edit/{scheme.pk}/", data)
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.envelope == Decimal("120000.00")
    assert scheme.approved_total == Decimal("36000.00")  # never written back by the form
