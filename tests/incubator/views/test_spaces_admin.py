"""Hub managers add and edit the spaces of their own hubs, never those of other hubs."""

from datetime import timedelta

from django.utils import timezone

import pytest

from incubator.models import Space
from tests.factories import HubFactory, bureau_officer, manager_of
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db

FIELDS = {"code": "C-301", "kind": "dedicated_desks", "seats": 8, "floor": "3", "area_m2": ""}


def _post(client, url, **data):
    return client.post(url, {**FIELDS, **data}, HTTP_ACCEPT_LANGUAGE="en")


def test_hub_manager_adds_a_space_to_their_hub_only(client):
    hub, other = HubFactory(name="本基地"), HubFactory(name="别的基地")
    client.force_login(manager_of(hub))
    form = client.get("/admin/spaces/new/").content.decode()
    assert "本基地" in form and "别的基地" not in form
    response = _post(client, "/admin/spaces/new/", hub=other.pk, is_active="on")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Space.objects.exists()
    response = _post(client, "/admin/spaces/new/", hub=hub.pk, is_active="on")
    assert response.status_code == 302
    assert Space.objects.get().hub == hub


def test_hub_manager_edits_their_spaces_and_not_others(client):
    hub = HubFactory()
    own, foreign = space_of(hub), space_of(HubFactory(), "Z-9")
    client.force_login(manager_of(hub))
    assert client.get(f"/admin/spaces/edit/{foreign.pk}/").status_code == 404
    response = _post(client, f"/admin/spaces/edit/{foreign.pk}/", hub=hub.pk, is_active="on")
    assert response.status_code == 404
    response = _post(client, f"/admin/spaces/edit/{own.pk}/", hub=hub.pk, is_active="on")
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.code, own.seats) == ("C-301", 8)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seats": 2, "is_active": "on"}, "cannot have fewer than 3 seats"),
        ({"seats": 4}, "cannot be taken out of use"),
    ],
)
def test_edits_that_break_coming_allocations_are_refused_on_the_form(client, change, message):
    hub = HubFactory()
    today = timezone.localdate()
    space = space_of(hub, seats=4)
    organisation = incubating(hub, started_on=today, planned_end_on=today + timedelta(days=400))
    allocation(space, organisation, 3, today + timedelta(days=5), today + timedelta(days=50))
    for user in (manager_of(hub), bureau_officer()):
        client.force_login(user)
        response = _post(client, f"/admin/spaces/edit/{space.pk}/", hub=hub.pk, **change)
        assert response.status_code == 200
        assert message in response.content.decode()
        space.refresh_from_db()
        assert (space.seats, space.is_active, space.code) == (4, True, "A-201")
