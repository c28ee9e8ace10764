"""The security log (``incubator.kernel.security``): one record for every object a user was refused
and every failed login, with the user id, path, model and object id, but no other personal
data and never a password."""

import logging

from django.core.files.base import ContentFile

import pytest

from incubator.models import OrganisationDocument
from tests.factories import OrganisationFactory, UserFactory, manager_of, member_of, milestone_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="incubator.kernel.security")
    return lambda: [r for r in caplog.records if r.name == "incubator.kernel.security"]


def test_a_refused_portal_object_logs_one_event(client, security_log):
    milestone = milestone_for(OrganisationFactory())
    outsider = member_of(OrganisationFactory(), "admin", username="zhangsan")
    client.force_login(outsider)

    response = client.get(f"/en/portal/milestones/{milestone.pk}/")

    assert response.status_code == 404
    (record,) = security_log()
    assert record.event == "object_access_refused"
    assert record.user_id == outsider.pk
    assert record.model == "incubator.milestone"
    assert record.object_id == str(milestone.pk)
    assert record.path == f"/en/portal/milestones/{milestone.pk}/"
    assert "zhangsan" not in record.getMessage()


def test_a_refused_download_logs_one_event(client, security_log):
    owner = OrganisationFactory()
    document = OrganisationDocument.objects.create(
        organisation=owner, title="章程", file=ContentFile(b"%PDF-1.7\n", name="charter.pdf")
    )
    outsider = member_of(OrganisationFactory())
    client.force_login(outsider)

    assert client.get(f"/files/organisation-documents/{document.pk}/").status_code == 404

    (record,) = security_log()
    assert (record.model, record.object_id, record.user_id) == (
        "incubator.organisationdocument",
        str(document.pk),
        outsider.pk,
    )


def test_a_missing_object_is_not_a_refusal(client, security_log):
    client.force_login(member_of(OrganisationFactory()))
    assert client.get("/en/portal/milestones/999999/").status_code == 404
    assert security_log() == []


def test_an_own_object_logs_nothing(client, security_log):
    organisation = OrganisationFactory()
    milestone = milestone_for(organisation)
    client.force_login(member_of(organisation))
    assert client.get(f"/en/portal/milestones/{milestone.pk}/").status_code == 200
    assert security_log() == []


def test_a_failed_login_logs_one_event_without_the_password(client, security_log):
    UserFactory(username="lijing")

    response = client.post(
        "/en/accounts/login/", {"username": "lijing", "password": "Secret-guess-42"}
    )

    assert response.status_code == 200
    (record,) = security_log()
    assert record.event == "login_failed"
    assert record.username == "lijing"
    assert record.path == "/en/accounts/login/"
    assert "Secret-guess-42" not in record.getMessage()
    assert "Secret-guess-42" not in str(record.__dict__)


def test_a_successful_login_logs_nothing(client, security_log):
    UserFactory(username="lijing")
    client.post("/en/accounts/login/", {"username": "lijing", "password": PASSWORD})
    assert security_log() == []


def test_a_wrong_second_factor_code_logs_one_event(client, settings, security_log):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    user = manager_of(OrganisationFactory().hub)
    client.force_login(user)
    client.get("/en/accounts/two-factor/")

    wrong = client.post("/en/accounts/two-factor/", {"code": "000000"})

    assert wrong.status_code == 200
    (record,) = security_log()
    assert (record.event, record.user_id) == ("two_factor_failed", user.pk)
