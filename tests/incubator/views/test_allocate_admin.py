"""Hub managers allocate seats from the organisation's page; a conflict is explained."""

from datetime import timedelta

from django.utils import timezone

import pytest

from incubator.models import Incubation, Space, SpaceAllocation
from tests.factories import OrganisationFactory, manager_of

pytestmark = pytest.mark.django_db


def _setup():
    organisation = OrganisationFactory()
    today = timezone.localdate()
    Incubation.objects.create(
        organisation=organisation,
        hub=organisation.hub,
        started_on=today - timedelta(days=10),
        planned_end_on=today + timedelta(days=365),
    )
    space = Space.objects.create(hub=organisation.hub, code="A-201", kind="private_office", seats=4)
    return organisation, space, today


def _post(client, organisation, space, seats, start, end):
    return client.post(
        f"/admin/organisations/allocate/{organisation.pk}/",
        {"space": space.pk, "seats": seats, "starts_on": start, "ends_on": end},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_hub_manager_allocates_and_a_conflict_is_explained(client):
    organisation, space, today = _setup()
    client.force_login(manager_of(organisation.hub))
    inspect = client.get(f"/admin/organisations/inspect/{organisation.pk}/").content.decode()
    assert f"/admin/organisations/allocate/{organisation.pk}/" in inspect
    end = today + timedelta(days=30)
    assert _post(client, organisation, space, 3, today, end).status_code == 302
    response = _post(client, organisation, space, 2, today, end)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not enough free seats in A-201" in html
    assert SpaceAllocation.objects.count() == 1


def test_spaces_of_other_hubs_are_not_offered(client):
    organisation, _space, today = _setup()
    other = Space.objects.create(
        hub=OrganisationFactory().hub, code="Z-9", kind="shared_area", seats=9
    )
    client.force_login(manager_of(organisation.hub))
    html = client.get(f"/admin/organisations/allocate/{organisation.pk}/").content.decode()
    assert "Z-9" not in html
    response = _post(client, organisation, other, 1, today, today)
    assert response.status_code == 200
    assert not SpaceAllocation.objects.exists()
