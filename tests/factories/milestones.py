"""Incubations and milestone plans for tests."""

from datetime import date

import factory

from incubator.models import Incubation, Milestone, MilestoneArea, MilestoneTemplate


def incubation_for(organisation, *, started_on=date(2026, 1, 1), planned_end_on=date(2027, 6, 30)):
    """A live incubation of ``organisation`` in its hub."""
    return Incubation.objects.create(
        organisation=organisation,
        hub=organisation.hub,
        started_on=started_on,
        planned_end_on=planned_end_on,
    )


class MilestoneTemplateFactory(factory.django.DjangoModelFactory):
    """A milestone of a hub's framework."""

    class Meta:
        model = MilestoneTemplate

    area = MilestoneArea.GOVERNANCE
    title = factory.Sequence(lambda n: f"里程碑 {n}")
    description = "理事会按章程召开会议并形成纪要。"
    is_required = True
    due_after_months = 3


def milestone_for(organisation, incubation=None, **fields) -> Milestone:
    """A milestone in ``organisation``'s plan (of its live incubation, made if missing)."""
    incubation = (
        incubation
        or organisation.incubations.filter(ended_on__isnull=True).first()
        or incubation_for(organisation)
    )
    values = {
        "area": MilestoneArea.GOVERNANCE,
        "title": "完善理事会制度",
        "is_required": True,
        "due_on": date(2026, 4, 1),
        **fields,
    }
    return Milestone.objects.create(organisation=organisation, incubation=incubation, **values)
