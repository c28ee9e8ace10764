"""A hub manager invites the first administrator of an organisation of their hub."""

from django.core import mail

import pytest

from incubator.models import Invitation
from tests.factories import OrganisationFactory, manager_of, member_of

pytestmark = pytest.mark.django_db


def test_hub_manager_invites_the_first_admin(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client.force_login(manager_of(organisation.hub))
    inspect = client.get(f"/admin/organisations/inspect/{organisation.pk}/").content.decode()
    assert f"/admin/organisations/invite/{organisation.pk}/" in inspect
    mail.outbox.clear()  # what the setup sent (emails now leave with their change, not on commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/organisations/invite/{organisation.pk}/", {"email": "head@example.org"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.role == "admin"
    assert mail.outbox[0].to == ["head@example.org"]


def test_an_organisation_with_an_admin_gets_no_second_first_admin(client):
    organisation = OrganisationFactory()
    member_of(organisation, "admin")
    client.force_login(manager_of(organisation.hub))
    inspect = client.get(f"/admin/organisations/inspect/{organisation.pk}/").content.decode()
    assert f"/admin/organisations/invite/{organisation.pk}/" not in inspect
    response = client.post(
        f"/admin/organisations/invite/{organisation.pk}/",
        {"email": "head@example.org"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "already has an administrator" in html
    assert 'value="head@example.org"' in html
    assert not Invitation.objects.exists()


def test_a_bad_email_is_refused_with_a_message(client):
    organisation = OrganisationFactory()
    client.force_login(manager_of(organisation.hub))
    response = client.post(
        f"/admin/organisations/invite/{organisation.pk}/", {"email": "not-an-email"}
    )
    assert response.status_code == 200
    assert 'value="not-an-email"' in response.content.decode()
    assert not Invitation.objects.exists()
