"""Free seats per space and month, and occupancy per month, of one hub."""

from datetime import date

import pytest

from incubator.incubation.availability import hub_availability
from tests.factories import HubFactory
from tests.factories.spaces import allocation, incubating, space_of

pytestmark = pytest.mark.django_db


def test_free_seats_are_those_free_for_the_whole_month_and_occupancy_counts_seat_days():
    hub = HubFactory()
    big, small = space_of(hub, "A-1", seats=4), space_of(hub, "A-2", seats=2)
    space_of(hub, "Z-0", seats=9, is_active=False)
    organisation = incubating(hub)
    allocation(big, organisation, 3, date(2026, 3, 10), date(2026, 4, 5))
    allocation(small, organisation, 2, date(2025, 12, 1), date(2026, 1, 1))  # one day in 2026
    allocation(
        space_of(HubFactory(), "X-1"),
        incubating(HubFactory()),
        1,
        date(2026, 3, 1),
        date(2026, 3, 31),
    )

    result = hub_availability(hub=hub, year=2026)

    assert [row.space.code for row in result.rows] == ["A-1", "A-2"]
    assert result.rows[0].free == [4, 4, 1, 1, 4, 4, 4, 4, 4, 4, 4, 4]
    assert result.rows[1].free == [0] + [2] * 11
    march, april = result.occupancy[2], result.occupancy[3]
    assert (march.used, march.available, march.percent) == (3 * 22, 6 * 31, 35)
    assert (april.used, april.available, april.percent) == (3 * 5, 6 * 30, 8)
    assert result.occupancy[0].used == 2
    assert result.occupancy[5].percent == 0


def test_a_hub_without_spaces_has_no_occupancy():
    result = hub_availability(hub=HubFactory(), year=2026)
    assert result.rows == []
    assert all(month.percent is None for month in result.occupancy)
