"""Spaces, incubations and allocations for tests of office space."""

from datetime import date

from incubator.models import Incubation, Organisation, Space, SpaceAllocation

from .organisations import OrganisationFactory


def incubating(hub, *, started_on=date(2026, 1, 1), planned_end_on=date(2027, 12, 31), **fields):
    """An organisation of ``hub`` in its live incubation."""
    organisation = OrganisationFactory(hub=hub, stage=Organisation.Stage.INCUBATING, **fields)
    Incubation.objects.create(
        organisation=organisation,
        hub=hub,
        started_on=started_on,
        planned_end_on=planned_end_on,
    )
    return organisation


def space_of(hub, code="A-201", *, seats=4, kind="private_office", **fields) -> Space:
    return Space.objects.create(hub=hub, code=code, kind=kind, seats=seats, **fields)


def allocation(space, organisation, seats, starts_on, ends_on) -> SpaceAllocation:
    """An allocation written directly, for setting the scene (services are tested elsewhere)."""
    return SpaceAllocation.objects.create(
        space=space,
        organisation=organisation,
        incubation=Incubation.objects.get(organisation=organisation, ended_on__isnull=True),
        seats=seats,
        starts_on=starts_on,
        ends_on=ends_on,
    )
