"""Seats of a space are never promised twice, one request after another or at the same time."""

import threading
from datetime import date

from django.db import close_old_connections, connection

import pytest

from incubator.incubation.services.spaces import space_allocate
from incubator.kernel.errors import ServiceError
from incubator.models import Incubation, Organisation, Space, SpaceAllocation
from tests.factories import HubFactory, OrganisationFactory, bureau_officer, manager_of


def _incubating(hub, **fields) -> Organisation:
    organisation = OrganisationFactory(hub=hub, stage=Organisation.Stage.INCUBATING, **fields)
    Incubation.objects.create(
        organisation=organisation,
        hub=hub,
        started_on=date(2026, 1, 1),
        planned_end_on=date(2027, 12, 31),
    )
    return organisation


@pytest.fixture
def space(db):
    return Space.objects.create(hub=HubFactory(), code="A-201", kind="private_office", seats=4)


def _allocate(space, organisation, seats, start, end, by=None):
    return space_allocate(
        space=space,
        organisation=organisation,
        seats=seats,
        starts_on=start,
        ends_on=end,
        by=by or bureau_officer(),
    )


def test_allocations_fill_a_space_up_to_its_seats(space):
    first, second = _incubating(space.hub), _incubating(space.hub)
    _allocate(space, first, 3, date(2026, 3, 1), date(2026, 6, 30))
    _allocate(space, second, 1, date(2026, 3, 1), date(2026, 6, 30))
    _allocate(space, second, 1, date(2026, 7, 1), date(2026, 9, 30))  # after the first ends
    assert SpaceAllocation.objects.count() == 3


def test_an_overbooking_names_the_days_and_seats(space):
    first, second = _incubating(space.hub), _incubating(space.hub)
    _allocate(space, first, 3, date(2026, 3, 1), date(2026, 3, 31))
    with pytest.raises(ServiceError) as caught:
        _allocate(space, second, 2, date(2026, 3, 20), date(2026, 4, 10))
    error = caught.value
    assert error.code == "seat_conflict"
    assert "A-201" in str(error)
    assert "2026" in str(error) and "3" in str(error)
    assert SpaceAllocation.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"stage": Organisation.Stage.GRADUATED}, "not_incubating"),
        ({"hub": "other"}, "other_hub"),
    ],
)
def test_only_incubating_organisations_of_the_hub_get_space(space, change, code):
    organisation = _incubating(space.hub)
    if change.get("hub") == "other":
        organisation.hub = HubFactory()
    else:
        organisation.stage = change["stage"]
    organisation.save()
    with pytest.raises(ServiceError) as caught:
        _allocate(space, organisation, 1, date(2026, 3, 1), date(2026, 3, 31))
    assert caught.value.code == code


def test_allocations_stay_inside_the_incubation(space):
    organisation = _incubating(space.hub)
    with pytest.raises(ServiceError) as caught:
        _allocate(space, organisation, 1, date(2027, 6, 1), date(2028, 6, 1))
    assert caught.value.code == "outside_incubation"


@pytest.mark.parametrize(("seats", "code"), [(0, "too_many_seats"), (5, "too_many_seats")])
def test_seats_must_fit_the_space(space, seats, code):
    with pytest.raises(ServiceError) as caught:
        _allocate(space, _incubating(space.hub), seats, date(2026, 3, 1), date(2026, 3, 2))
    assert caught.value.code == code


@pytest.mark.django_db(transaction=True)
def test_two_managers_allocating_at_the_same_moment_cannot_overbook():
    """Real threads, each with its own connection, on PostgreSQL and on SQLite alike."""
    space = Space.objects.create(hub=HubFactory(), code="B-101", kind="dedicated_desks", seats=4)
    organisations = [_incubating(space.hub), _incubating(space.hub)]
    managers = [manager_of(space.hub), manager_of(space.hub)]
    start = threading.Barrier(2)
    outcomes = []

    def allocate(organisation, manager):
        try:
            start.wait()
            _allocate(space, organisation, 3, date(2026, 5, 1), date(2026, 5, 31), manager)
            outcomes.append("allocated")
        except ServiceError as error:
            outcomes.append(error.code)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=allocate, args=pair)
        for pair in zip(organisations, managers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["allocated", "seat_conflict"]
    assert SpaceAllocation.objects.filter(space=space).count() == 1
