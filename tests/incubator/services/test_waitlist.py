"""Organisations wait for seats in the order they asked."""

from datetime import date, timedelta

from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest

from incubator.incubation.services.waitlist import waitlist_add, waitlist_cancel, waitlist_serve
from incubator.kernel.errors import ServiceError
from incubator.models import Organisation, SpaceAllocation, WaitlistEntry
from tests.factories import HubFactory, OrganisationFactory, bureau_officer
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English; the Chinese ones come from the catalogue."""
    with translation.override("en"):
        yield


MARCH, JUNE = date(2026, 3, 1), date(2026, 6, 30)


def _add(organisation, seats, **fields):
    return waitlist_add(
        organisation=organisation,
        seats_wanted=seats,
        wanted_from=MARCH,
        by=bureau_officer(),
        **fields,
    )


def _serve(entry, space, seats=None, start=MARCH, end=JUNE):
    return waitlist_serve(
        entry=entry,
        space=space,
        seats=seats or entry.seats_wanted,
        starts_on=start,
        ends_on=end,
        by=bureau_officer(),
    )


def _at(entry, minutes):
    """Move an entry's request time, to set the order explicitly."""
    moment = timezone.now() - timedelta(minutes=minutes)
    WaitlistEntry.objects.filter(pk=entry.pk).update(requested_at=moment)
    entry.refresh_from_db()
    return entry


@pytest.fixture
def hub():
    return HubFactory()


def test_an_incubating_organisation_joins_the_waitlist_once(hub):
    organisation = incubating(hub)
    entry = _add(organisation, 3, kind="dedicated_desks", note="靠窗")
    assert (entry.hub, entry.status, entry.seats_wanted) == (hub, "waiting", 3)
    assert ModelLogEntry.objects.filter(action="incubator.waitlist.add").count() == 1
    with pytest.raises(ServiceError) as caught:
        _add(organisation, 1)
    assert caught.value.code == "already_waiting"
    assert "already on the waitlist since" in str(caught.value)


def test_organisations_not_incubating_cannot_wait(hub):
    applicant = OrganisationFactory(hub=hub, stage=Organisation.Stage.APPLICANT)
    no_incubation = OrganisationFactory(hub=hub)  # incubating stage but no live incubation
    for organisation in (applicant, no_incubation):
        with pytest.raises(ServiceError) as caught:
            _add(organisation, 1)
        assert caught.value.code == "not_incubating"
    assert not WaitlistEntry.objects.exists()


def test_a_cancelled_request_leaves_room_for_a_new_one(hub):
    organisation = incubating(hub)
    entry = waitlist_cancel(entry=_add(organisation, 2), by=bureau_officer(), reason="找到别处")
    assert entry.status == "cancelled" and entry.closed_at is not None
    with pytest.raises(ServiceError) as caught:
        waitlist_cancel(entry=entry, by=bureau_officer())
    assert caught.value.code == "not_waiting"
    assert _add(organisation, 2).status == "waiting"


def test_serving_allocates_and_closes_the_request_together(hub):
    space = space_of(hub, seats=4)
    entry = _add(incubating(hub), 3)
    allocation_made = _serve(entry, space)
    entry.refresh_from_db()
    assert (entry.status, entry.allocation) == ("served", allocation_made)
    assert (allocation_made.seats, allocation_made.starts_on, allocation_made.ends_on) == (
        3,
        MARCH,
        JUNE,
    )
    assert ModelLogEntry.objects.filter(action="incubator.waitlist.serve").count() == 1


def test_a_refused_allocation_leaves_the_request_waiting(hub):
    space = space_of(hub, seats=2)
    entry = _add(incubating(hub), 3)
    with pytest.raises(ServiceError) as caught:
        _serve(entry, space)
    assert caught.value.code == "too_many_seats"
    entry.refresh_from_db()
    assert entry.status == "waiting" and not SpaceAllocation.objects.exists()


def test_serving_out_of_order_names_who_waited_longer(hub):
    space = space_of(hub, "B-101", seats=4)
    first = _at(_add(incubating(hub, name="先来机构"), 2), minutes=60)
    second = _at(_add(incubating(hub, name="后到机构"), 1), minutes=30)
    with pytest.raises(ServiceError) as caught:
        _serve(second, space)
    error = caught.value
    assert error.code == "out_of_order"
    when = timezone.localtime(first.requested_at)
    assert str(error).startswith("先来机构 has waited longer (since ")
    assert f"{when.year}" in str(error) and "for 2 seats" in str(error)
    assert "B-101 has room for them" in str(error)
    assert not SpaceAllocation.objects.exists()
    _serve(first, space)
    _serve(second, space)
    assert SpaceAllocation.objects.count() == 2


def test_a_later_request_is_served_when_the_earlier_one_does_not_fit(hub):
    space = space_of(hub, seats=4)
    holder = incubating(hub)
    allocation(space, holder, 2, MARCH, JUNE)  # two seats left
    _at(_add(incubating(hub), 3), minutes=60)  # waits longer, but wants three
    _at(_add(incubating(hub), 1, kind="shared_area"), minutes=50)  # wants another kind
    later = _at(_add(incubating(hub), 2), minutes=10)
    assert _serve(later, space).seats == 2


def test_earlier_requests_of_other_hubs_do_not_hold_the_line(hub):
    _at(_add(incubating(HubFactory()), 1), minutes=60)
    entry = _add(incubating(hub), 1)
    assert _serve(entry, space_of(hub)).seats == 1


def test_a_request_is_served_only_with_a_space_of_its_hub(hub):
    entry = _add(incubating(hub), 1)
    with pytest.raises(ServiceError) as caught:
        _serve(entry, space_of(HubFactory()))
    assert caught.value.code == "other_hub"
