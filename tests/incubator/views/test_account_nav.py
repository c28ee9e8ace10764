"""The header offers "My organisation" (the portal) only to members of an organisation: staff
and other accounts without one would be sent to a 403."""

import pytest

from incubator.incubation.services.memberships import membership_end
from tests.factories import OrganisationFactory, bureau_officer, manager_of, member_of

pytestmark = pytest.mark.django_db

PORTAL_LINK = 'href="/en/portal/"'


def _header(client) -> str:
    return client.get("/en/accounts/notifications/").content.decode()


@pytest.mark.parametrize(
    "make_staff", [bureau_officer, lambda: manager_of(OrganisationFactory().hub)]
)
def test_staff_without_an_organisation_are_not_offered_the_portal(client, make_staff):
    client.force_login(make_staff())
    assert PORTAL_LINK not in _header(client)
    assert client.get("/en/portal/").status_code == 403  # where the link would have led


def test_members_are_offered_the_portal_and_it_opens(client):
    client.force_login(member_of(OrganisationFactory()))
    assert PORTAL_LINK in _header(client)
    assert PORTAL_LINK in client.get("/en/portal/").content.decode()
    assert client.get("/en/portal/").status_code == 200


def test_a_staff_member_who_belongs_to_an_organisation_is_offered_it(client):
    user = bureau_officer()
    member_of(OrganisationFactory(), username=user.username)
    client.force_login(user)
    assert PORTAL_LINK in _header(client)


def test_a_former_member_is_not_offered_it(client):
    organisation = OrganisationFactory()
    user = member_of(organisation)
    membership_end(membership=user.memberships.get(), by=member_of(organisation, "admin"))
    client.force_login(user)
    assert PORTAL_LINK not in _header(client)
