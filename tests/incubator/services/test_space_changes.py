"""A space keeps the seats it has promised; allocations end early or with the incubation."""

from datetime import timedelta

from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest

from incubator.incubation.services.allocations import (
    allocation_end,
    allocations_end_for_incubation,
)
from incubator.incubation.services.spaces import space_allocate, space_update
from incubator.incubation.services.waitlist import waitlist_add
from incubator.kernel.errors import ServiceError
from incubator.models import Space, SpaceAllocation, WaitlistEntry
from tests.factories import HubFactory, bureau_officer, manager_of
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English; the Chinese ones come from the catalogue."""
    with translation.override("en"):
        yield


DAY = timedelta(days=1)


@pytest.fixture
def scene():
    today = timezone.localdate()
    hub = HubFactory()
    organisation = incubating(hub, started_on=today - 100 * DAY, planned_end_on=today + 400 * DAY)
    space = space_of(hub, seats=6)
    return today, hub, organisation, space


def test_seats_cannot_drop_below_what_a_coming_day_has_allocated(scene):
    today, _hub, organisation, space = scene
    allocation(space, organisation, 2, today + 10 * DAY, today + 20 * DAY)
    allocation(space, organisation, 3, today + 15 * DAY, today + 30 * DAY)
    with pytest.raises(ServiceError) as caught:
        space_update(space=space, seats=4, by=bureau_officer())
    assert caught.value.code == "seats_below_allocated"
    assert "A-201 cannot have fewer than 5 seats" in str(caught.value)
    space_update(space=space, seats=5, by=bureau_officer())
    assert Space.objects.get().seats == 5


def test_past_allocations_do_not_hold_seats(scene):
    today, _hub, organisation, space = scene
    allocation(space, organisation, 6, today - 50 * DAY, today - DAY)
    space_update(space=space, seats=1, by=bureau_officer())
    assert Space.objects.get().seats == 1


def test_an_allocated_space_stays_in_use(scene):
    today, _hub, organisation, space = scene
    allocation(space, organisation, 1, today - 5 * DAY, today + 5 * DAY)
    with pytest.raises(ServiceError) as caught:
        space_update(space=space, is_active=False, by=bureau_officer())
    assert caught.value.code == "space_allocated"
    assert not str(caught.value).startswith("%")
    assert Space.objects.get().is_active


def test_a_space_with_only_past_allocations_goes_out_of_use_and_is_audited(scene):
    today, _hub, organisation, space = scene
    allocation(space, organisation, 1, today - 50 * DAY, today - DAY)
    space_update(space=space, is_active=False, floor="3", by=bureau_officer())
    assert not Space.objects.get().is_active
    entry = ModelLogEntry.objects.get(action="incubator.space.change")
    assert entry.data["changes"]["is_active"] == [True, False]


def test_an_allocated_space_does_not_move_to_another_hub(scene):
    today, _hub, organisation, space = scene
    allocation(space, organisation, 1, today, today)
    with pytest.raises(ServiceError) as caught:
        space_update(space=space, hub=HubFactory(), by=bureau_officer())
    assert caught.value.code == "space_has_allocations"


def test_an_allocation_ends_early_and_frees_its_seats(scene):
    today, _hub, organisation, space = scene
    granted = allocation(space, organisation, 6, today, today + 60 * DAY)
    allocation_end(allocation=granted, on=today + 10 * DAY, by=bureau_officer())
    granted.refresh_from_db()
    assert granted.ends_on == today + 10 * DAY
    assert ModelLogEntry.objects.filter(action="incubator.space.end").count() == 1
    newcomer = incubating(space.hub, started_on=today, planned_end_on=today + 400 * DAY)
    space_allocate(
        space=space,
        organisation=newcomer,
        seats=6,
        starts_on=today + 11 * DAY,
        ends_on=today + 60 * DAY,
        by=bureau_officer(),
    )


@pytest.mark.parametrize(
    ("offset", "code"), [(60, "not_earlier"), (61, "not_earlier"), (-1, "before_start")]
)
def test_ending_early_must_be_earlier_and_not_before_the_start(scene, offset, code):
    today, _hub, organisation, space = scene
    granted = allocation(space, organisation, 1, today, today + 60 * DAY)
    with pytest.raises(ServiceError) as caught:
        allocation_end(allocation=granted, on=today + offset * DAY, by=bureau_officer())
    assert caught.value.code == code
    granted.refresh_from_db()
    assert granted.ends_on == today + 60 * DAY


def test_ending_an_incubation_cuts_withdraws_and_cancels(scene):
    today, hub, organisation, space = scene
    other = incubating(hub, started_on=today - 100 * DAY, planned_end_on=today + 400 * DAY)
    past = allocation(space, organisation, 1, today - 90 * DAY, today - 60 * DAY)
    running = allocation(space, organisation, 1, today - 10 * DAY, today + 90 * DAY)
    later = allocation(space, organisation, 1, today + 30 * DAY, today + 60 * DAY)
    others = allocation(space, other, 1, today - 10 * DAY, today + 90 * DAY)
    waitlist_add(organisation=organisation, seats_wanted=2, wanted_from=today, by=bureau_officer())
    waitlist_add(organisation=other, seats_wanted=2, wanted_from=today, by=bureau_officer())
    incubation = running.incubation

    result = allocations_end_for_incubation(
        incubation=incubation, on=today, by=manager_of(organisation.hub)
    )

    assert (result.cut, result.withdrawn, result.cancelled) == (1, 1, 1)
    ends = dict(SpaceAllocation.objects.values_list("pk", "ends_on"))
    assert ends == {
        past.pk: today - 60 * DAY,
        running.pk: today,
        others.pk: today + 90 * DAY,
    }
    assert later.pk not in ends
    statuses = dict(WaitlistEntry.objects.values_list("organisation", "status"))
    assert statuses == {organisation.pk: "cancelled", other.pk: "waiting"}
    assert {e.action for e in ModelLogEntry.objects.all()} >= {
        "incubator.space.end",
        "incubator.space.withdraw",
        "incubator.waitlist.cancel",
    }
    again = allocations_end_for_incubation(
        incubation=incubation, on=today, by=manager_of(organisation.hub)
    )
    assert again == (0, 0, 0)


def test_an_allocation_ending_on_the_day_is_left_alone(scene):
    today, _hub, organisation, space = scene
    granted = allocation(space, organisation, 1, today - 5 * DAY, today)
    result = allocations_end_for_incubation(
        incubation=granted.incubation, on=today, by=manager_of(organisation.hub)
    )
    assert result.cut == 0
