"""The application form people finish: staff lines as one table with "Add a person" and
"Remove", errors beside the fields with everything typed kept; then "Check your answers", where
nothing is submitted before the one button and a double click submits once; withdrawing is set
apart and confirmed first. Other organisations, plain members and visitors are refused."""

import re

from wagtail.models import ModelLogEntry

import pytest

from subsidies.models import SubsidyApplication
from tests.factories import (
    OrganisationFactory,
    draft_application,
    member_of,
    scheme_factory,
    staff_line,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def admin(organisation, client):
    user = member_of(organisation, "admin")
    client.force_login(user)
    return user


def _row(index: int, **values) -> dict:
    row = {
        "name": "李娜",
        "title": "社工",
        "qualification": "none",
        "employment_started_on": "2025-06-01",
        "monthly_salary": "6000.00",
        "months": "12",
        **values,
    }
    return {f"lines-{index}-{key}": value for key, value in row.items()}


def _data(*rows: dict, action: str, initial: int = 0, total: int | None = None) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(len(rows) if total is None else total),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "5",
        "action": action,
    }
    for row in rows:
        data.update(row)
    return data


def _rows(page: str) -> int:
    """The rows of the table (the blank row of the <template> for JavaScript not counted)."""
    return page.split("<template")[0].count('class="staff-table__row')


def _token(page: str) -> str:
    return re.search(r'name="submission_token" value="([0-9a-f-]+)"', page).group(1)


def test_a_new_application_is_a_table_with_one_blank_row(client, admin):
    scheme = scheme_factory()
    page = client.get(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/").content.decode()
    assert 'class="staff-table"' in page
    assert _rows(page) == 1
    assert 'id="id_lines-0-name"' in page and 'id="id_lines-1-name"' not in page
    assert 'name="action" value="add"' in page
    assert "Continue" in page and "Save draft" in page
    assert 'value="submit"' not in page  # nothing is submitted from the form itself
    assert "<script>" not in page  # the CSP forbids inline scripts


def test_a_draft_shows_one_row_per_saved_person(client, admin, organisation):
    application = draft_application(
        organisation, scheme_factory(), lines=[staff_line(), staff_line(name="周强")]
    )
    page = client.get(f"/en/portal/subsidies/{application.pk}/edit/").content.decode()
    assert _rows(page) == 2
    assert 'value="周强"' in page
    assert 'name="lines-1-DELETE"' in page


def test_add_a_person_keeps_what_was_typed_and_adds_a_row(client, admin):
    scheme = scheme_factory()
    data = _data(_row(0, name="王小明", months=""), action="add")
    response = client.post(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="王小明"' in page
    assert _rows(page) == 2
    assert 'id="id_lines-1-name"' in page
    assert 'name="lines-TOTAL_FORMS" value="2"' in page
    assert "This field is required." not in page  # adding a row judges nothing yet
    assert not SubsidyApplication.objects.exists()


def test_add_a_person_stops_at_the_schemes_maximum(client, admin):
    scheme = scheme_factory()
    rows = [_row(index, name=f"员工{index}") for index in range(scheme.max_lines)]
    response = client.post(
        f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", _data(*rows, action="add")
    )
    page = response.content.decode()
    assert _rows(page) == scheme.max_lines
    assert 'name="action" value="add"' not in page


def test_a_bad_row_shows_its_error_beside_the_field_and_keeps_everything(client, admin):
    scheme = scheme_factory()
    data = _data(_row(0, name="王小明"), _row(1, name="赵六", months="13"), action="continue")
    response = client.post(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", data)
    assert response.status_code == 200
    page = response.content.decode()
    row = page.split('id="id_lines-1-months"')[1].split("</td>")[0]
    assert "Between 1 and 12 months." in row
    assert 'value="王小明"' in page and 'value="赵六"' in page and 'value="13"' in page
    assert not SubsidyApplication.objects.exists()


def test_remove_takes_a_person_off_the_draft(client, admin, organisation):
    application = draft_application(
        organisation, scheme_factory(), lines=[staff_line(), staff_line(name="周强")]
    )
    data = _data(_row(0), _row(1, name="周强", DELETE="on"), action="save", initial=2)
    response = client.post(f"/en/portal/subsidies/{application.pk}/edit/", data)
    assert response.status_code == 302
    assert list(application.lines.values_list("name", flat=True)) == ["李娜"]


def test_check_your_answers_shows_everything_and_submits_only_on_the_last_click(
    client, admin, organisation
):
    application = draft_application(
        organisation, scheme_factory(), lines=[staff_line(), staff_line(name="周强")]
    )
    url = f"/en/portal/subsidies/{application.pk}/check/"
    page = client.get(url).content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.scheme.name in page and "周强" in page
    assert "¥6,000.00" in page  # a monthly salary
    assert f"¥{application.eligible_total:,.2f}" in page  # the amount requested
    assert f"/portal/subsidies/{application.pk}/edit/#staff" in page
    assert f"/portal/subsidies/{application.pk}/edit/#attachments" in page
    token = _token(page)
    first = client.post(url, {"submission_token": token})
    second = client.post(url, {"submission_token": token}, follow=True)
    assert first["Location"].endswith(f"/portal/subsidies/{application.pk}/")
    assert "nothing was changed this time" in second.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    entries = ModelLogEntry.objects.for_instance(application)
    assert entries.filter(action="subsidies.application.submit").count() == 1


def test_a_submitted_application_is_not_checked_again(client, admin, organisation):
    application = submitted_application(organisation, scheme_factory())
    response = client.get(f"/en/portal/subsidies/{application.pk}/check/")
    assert response["Location"].endswith(f"/portal/subsidies/{application.pk}/")


def test_withdrawing_is_a_separate_dangerous_button_with_a_confirmation(
    client, admin, organisation
):
    application = draft_application(organisation, scheme_factory())
    withdraw = f"/en/portal/subsidies/{application.pk}/withdraw/"
    for url in (withdraw.replace("withdraw/", "edit/"), withdraw.replace("withdraw/", "")):
        page = client.get(url).content.decode()
        zone = page.split('class="danger-zone"')[1]
        assert f'class="button button--danger" href="{withdraw}"' in zone
        assert "<form" not in zone  # a link to the confirmation page, not a withdrawal
    assert "Yes, withdraw the application" in client.get(withdraw).content.decode()


def test_others_may_not_check_or_submit(client, organisation):
    application = draft_application(organisation, scheme_factory())
    url = f"/en/portal/subsidies/{application.pk}/check/"
    assert client.get(url)["Location"].startswith("/en/accounts/login/")
    client.force_login(member_of(OrganisationFactory(), "admin"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(member_of(organisation, "member"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == "draft"
