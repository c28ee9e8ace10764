"""The portal: the list with open schemes, the application form with its staff lines, field
errors that keep what was typed, submission, detail, withdrawal, and constant queries."""

import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from subsidies.models import SubsidyApplication
from tests.factories import (
    OrganisationFactory,
    draft_application,
    member_of,
    scheme_factory,
    submitted_application,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def admin(organisation, client):
    user = member_of(organisation, "admin")
    client.force_login(user)
    return user


def _post_data(rows: list[dict], action="save", max_lines=5) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(max_lines),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": str(max_lines),
        "action": action,
    }
    for index, row in enumerate(rows):
        values = {
            "name": "李娜",
            "title": "社工",
            "qualification": "none",
            "employment_started_on": "2025-06-01",
            "monthly_salary": "6000.00",
            "months": "12",
            **row,
        }
        for key, value in values.items():
            data[f"lines-{index}-{key}"] = value
    return data


def test_the_list_shows_open_schemes_and_applications(client, admin, organisation):
    scheme = scheme_factory()
    response = client.get("/en/portal/subsidies/")
    assert response.status_code == 200
    assert scheme.name in response.content.decode()
    assert f"/en/portal/subsidies/schemes/{scheme.pk}/apply/" in response.content.decode()


def test_saving_a_draft_computes_the_amounts_on_the_server(client, admin, organisation):
    scheme = scheme_factory()
    data = _post_data(
        [{}, {"name": "周强", "monthly_salary": "4567.89", "qualification": "senior"}]
    )
    data["payroll"] = SimpleUploadedFile("payroll.pdf", PDF)
    response = client.post(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", data)
    application = SubsidyApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/portal/subsidies/{application.pk}/edit/")
    assert application.eligible_total == Decimal("63407.40")
    page = client.get(f"/en/portal/subsidies/{application.pk}/check/").content.decode()
    assert "¥27,407.40" in page and "¥36,000.00" in page and "¥63,407.40" in page
    assert application.attachments.get().original_name == "payroll.pdf"


def test_a_bad_line_gets_a_field_error_and_keeps_what_was_typed(client, admin, organisation):
    scheme = scheme_factory()
    data = _post_data([{"name": "王小明"}, {"name": "赵六", "months": "13"}])
    response = client.post(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Between 1 and 12 months." in page
    assert 'value="王小明"' in page and 'value="赵六"' in page and 'value="13"' in page
    assert not SubsidyApplication.objects.exists()


def test_continue_saves_then_the_check_page_submits(client, admin, organisation):
    scheme = scheme_factory()
    data = _post_data([{}], action="continue")
    data["payroll"] = SimpleUploadedFile("payroll.pdf", PDF)
    response = client.post(f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", data)
    application = SubsidyApplication.objects.get()
    assert response["Location"].endswith(f"/portal/subsidies/{application.pk}/check/")
    assert application.status == "draft"
    response = client.post(response["Location"])
    assert response["Location"].endswith(f"/portal/subsidies/{application.pk}/")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_refused_submission_keeps_the_draft_and_says_why(client, admin, organisation):
    scheme = scheme_factory()
    client.post(
        f"/en/portal/subsidies/schemes/{scheme.pk}/apply/", _post_data([{}], action="continue")
    )
    application = SubsidyApplication.objects.get()
    response = client.post(f"/en/portal/subsidies/{application.pk}/check/")
    assert response.status_code == 200
    assert "Attach the payroll" in response.content.decode()
    assert SubsidyApplication.objects.get().status == "draft"


def test_withdraw_from_the_detail_page(client, admin, organisation):
    application = submitted_application(organisation, scheme_factory())
    detail = client.get(f"/en/portal/subsidies/{application.pk}/").content.decode()
    assert "Withdraw the application" in detail
    client.post(f"/en/portal/subsidies/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_another_organisations_application_is_not_found(client, admin):
    other = draft_application(OrganisationFactory(), scheme_factory())
    assert client.get(f"/en/portal/subsidies/{other.pk}/").status_code == 404
    assert client.get(f"/en/portal/subsidies/{other.pk}/edit/").status_code == 404
    assert client.post(f"/en/portal/subsidies/{other.pk}/withdraw/").status_code == 404
    assert client.get(f"/en/portal/subsidies/{other.pk}/withdraw/").status_code == 404


def test_withdrawing_asks_for_confirmation_first_and_happens_once(client, admin, organisation):
    application = submitted_application(organisation, scheme_factory())
    url = f"/en/portal/subsidies/{application.pk}/withdraw/"
    page = client.get(url).content.decode()
    assert "Yes, withdraw the application" in page and "<script" not in page.split("<main")[-1]
    application.refresh_from_db()
    assert application.status == "submitted"
    token = re.search(r'name="submission_token" value="([0-9a-f-]+)"', page).group(1)
    first = client.post(url, {"submission_token": token})
    second = client.post(url, {"submission_token": token}, follow=True)
    assert first.status_code == 302
    assert "nothing was changed this time" in second.content.decode()
    application.refresh_from_db()
    assert application.status == "withdrawn"


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/portal/subsidies/").status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_for_3_and_30_applications(client, admin, organisation):
    for _ in range(3):
        draft_application(organisation, scheme_factory(), by=admin)
    _list_queries(client)  # warm the per-process caches (site, settings)
    few = _list_queries(client)
    for _ in range(27):
        draft_application(organisation, scheme_factory(), by=admin)
    assert SubsidyApplication.objects.count() == 30
    assert _list_queries(client) == few


def test_a_returned_application_shows_the_reason_and_is_submitted_again(
    client, admin, organisation
):
    from subsidies.services import subsidy_application_return
    from tests.factories.subsidies import hub_manager

    application = submitted_application(organisation, scheme_factory())
    subsidy_application_return(
        application=application, reason="缺少社保记录", by=hub_manager(organisation)
    )
    page = client.get(f"/en/portal/subsidies/{application.pk}/edit/").content.decode()
    assert "缺少社保记录" in page
    data = _post_data([{"months": "6"}], action="continue")
    data["lines-INITIAL_FORMS"] = "1"
    response = client.post(f"/en/portal/subsidies/{application.pk}/edit/", data)
    assert response.status_code == 302
    assert "Submit again" in client.get(response["Location"]).content.decode()
    client.post(response["Location"])
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.eligible_total == Decimal("18000.00")


def test_members_download_their_attachments_and_see_the_award_letter(client, organisation):
    member = member_of(organisation, "member")
    client.force_login(member)
    application = submitted_application(organisation, scheme_factory())
    attachment = application.attachments.get()
    response = client.get(f"/files/subsidies/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    page = client.get(f"/en/portal/subsidies/{application.pk}/").content.decode()
    assert "Withdraw the application" not in page  # members read; admins act


def test_saving_the_same_form_twice_attaches_the_file_once(client, admin, organisation):
    application = draft_application(organisation, scheme_factory(), attachments=[])
    url = f"/en/portal/subsidies/{application.pk}/edit/"
    token = re.search(
        r'name="submission_token" value="([0-9a-f-]+)"', client.get(url).content.decode()
    ).group(1)

    def save():
        data = _post_data([{}])
        data["payroll"] = SimpleUploadedFile("payroll.pdf", PDF)
        data["submission_token"] = token
        return client.post(url, data)

    assert save().status_code == 302
    second = save()
    assert second.status_code == 302
    assert application.attachments.count() == 1
    assert "nothing was changed this time" in client.get(second["Location"]).content.decode()
