"""Invitations: sent by an organisation admin, accepted once through a signed link that
expires after seven days."""

import re
from datetime import timedelta
from unittest import mock

from django.core import mail, signing
from django.utils import timezone

import pytest

from incubator.incubation.selectors import live_membership
from incubator.incubation.services.invitations import invitation_create, invitation_token
from incubator.models import Invitation
from tests.factories import OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "username": "wangfang",
    "last_name": "王",
    "first_name": "芳",
    "password1": "Lantern-harbour-2026",
    "password2": "Lantern-harbour-2026",
}


@pytest.fixture
def organisation():
    return OrganisationFactory(name="太仓市颐康居家养老服务中心")


@pytest.fixture
def admin(organisation):
    return member_of(organisation, "admin")


def _invite(organisation, admin, email="wang.fang@example.org", role="member"):
    return invitation_create(
        organisation=organisation, email=email, role=role, by=admin, base_url="http://testserver"
    )


def _accept_url(invitation) -> str:
    return f"/en/accounts/invitation/{invitation_token(invitation)}/"


def test_admin_invites_a_colleague_from_the_portal_and_an_email_goes_out(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/portal/members/invite/", {"email": "Wang.Fang@Example.org", "role": "member"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "wang.fang@example.org"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "太仓市颐康居家养老服务中心" in body
    assert "invites you to join" in body  # the English half of the bilingual email
    link = re.search(r"http://testserver/\S+/accounts/invitation/\S+/", body).group(0)
    assert client.get(link.replace("http://testserver", "")).status_code == 200


def test_invitation_link_works_once_then_says_already_used(client, organisation, admin):
    invitation = _invite(organisation, admin)
    url = _accept_url(invitation)
    response = client.post(url, NEW_ACCOUNT)
    assert response.status_code == 302
    user = type(admin).objects.get(username="wangfang")
    assert user.email == "wang.fang@example.org"
    assert live_membership(user).organisation == organisation
    assert user.has_perm("incubator.view_organisation", organisation)

    client.logout()
    again = client.get(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    replay = client.post(url, {**NEW_ACCOUNT, "username": "someone-else"})
    assert replay.status_code == 410
    assert not type(admin).objects.filter(username="someone-else").exists()


def test_an_expired_link_gets_a_clear_page(client, organisation, admin):
    invitation = _invite(organisation, admin)
    url = _accept_url(invitation)
    eight_days_later = timezone.now().timestamp() + timedelta(days=8).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        response = client.get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_an_invitation_past_its_expiry_date_is_refused(client, organisation, admin):
    invitation = _invite(organisation, admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.post(_accept_url(invitation), NEW_ACCOUNT)
    assert response.status_code == 410
    assert not type(admin).objects.filter(username="wangfang").exists()


def test_a_tampered_link_is_not_valid(client, organisation, admin):
    token = invitation_token(_invite(organisation, admin))
    response = client.get(f"/en/accounts/invitation/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    forged = signing.dumps({"i": 1, "n": "guess"}, salt="something-else")
    assert client.get(f"/en/accounts/invitation/{forged}/").status_code == 404


def test_a_withdrawn_invitation_no_longer_works(client, organisation, admin):
    invitation = _invite(organisation, admin)
    client.force_login(admin)
    client.post(f"/en/portal/invitations/{invitation.pk}/revoke/")
    client.logout()
    response = client.get(_accept_url(invitation))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_bad_account_details_keep_what_was_typed(client, organisation, admin):
    invitation = _invite(organisation, admin)
    response = client.post(_accept_url(invitation), {**NEW_ACCOUNT, "password2": "different"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords differ." in html
    assert 'value="wangfang"' in html
    assert Invitation.objects.get().accepted_at is None


def test_an_existing_account_with_the_invited_email_accepts_after_logging_in(
    client, organisation, admin
):
    invitation = _invite(organisation, admin, email="li.ming@example.org")
    existing = UserFactory(email="li.ming@example.org")
    client.force_login(existing)
    response = client.post(_accept_url(invitation))
    assert response.status_code == 302
    assert live_membership(existing).organisation == organisation


def test_someone_else_logged_in_cannot_take_the_invitation(client, organisation, admin):
    invitation = _invite(organisation, admin, email="li.ming@example.org")
    client.force_login(UserFactory(email="intruder@example.org"))
    response = client.post(_accept_url(invitation), follow=True)
    assert "log in with that account" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_a_second_pending_invitation_to_the_same_address_is_refused_with_a_message(
    client, organisation, admin
):
    _invite(organisation, admin)
    client.force_login(admin)
    response = client.post(
        "/en/portal/members/invite/", {"email": "wang.fang@example.org", "role": "admin"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "already waiting for an answer" in html
    assert 'value="wang.fang@example.org"' in html


def test_plain_members_cannot_invite(client, organisation, admin):
    member = member_of(organisation, "member")
    client.force_login(member)
    response = client.post(
        "/en/portal/members/invite/", {"email": "x@example.org", "role": "member"}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()
