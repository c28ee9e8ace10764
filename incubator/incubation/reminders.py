"""Reminders: each app says what deserves one (``<app>/reminders.py`` registers a source with
``@reminder_source``); ``send_reminders`` sends each reminder once, however often it runs.

A source is a function ``(now) -> iterable of Reminder``. A reminder's ``key`` names what it
is about and when it became due (a resubmission is a new reminder); one is recorded per
recipient, so a reminder is never sent twice to the same person."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from incubator.incubation.services.milestones import overdue
from incubator.incubation.services.notifications import hub_managers, organisation_admins
from incubator.kernel.calendar import working_days_before
from incubator.kernel.services.notifications import notify
from incubator.models import Milestone, ReminderSent

DUE_SOON_DAYS = 7
DECISION_WAITS_WORKING_DAYS = 5


@dataclass
class Reminder:
    """One reminder to some users: the email template, its context, the page it links to and
    the item it is about (its notification is done once the item is handled)."""

    key: str
    users: list
    template: str
    context: dict = field(default_factory=dict)
    link: tuple[str, list] | None = None
    item: object = None


_sources: list[Callable[[datetime], Iterable[Reminder]]] = []


def reminder_source(func):
    """Register a function that yields the reminders due at a moment."""
    if func not in _sources:
        _sources.append(func)
    return func


@reminder_source
def milestone_reminders(now: datetime):
    """Milestones due within a week and overdue ones, to the organisation's admins; evidence
    waiting more than five working days, to the hub's managers."""
    today = timezone.localdate(now)
    live = Milestone.objects.filter(incubation__ended_on__isnull=True).select_related(
        "organisation"
    )
    soon = live.filter(
        status__in=Milestone.OPEN, due_on__gte=today, due_on__lte=today + timedelta(DUE_SOON_DAYS)
    )
    for milestone in soon:
        yield Reminder(
            key=f"milestone-due:{milestone.pk}:{milestone.due_on}",
            users=organisation_admins(milestone.organisation),
            template="reminder_milestone_due",
            context={"milestone": milestone},
            link=("portal:milestone", [milestone.pk]),
        )
    for milestone in overdue(live, today):
        yield Reminder(
            key=f"milestone-overdue:{milestone.pk}:{milestone.due_on}",
            users=organisation_admins(milestone.organisation),
            template="reminder_milestone_overdue",
            context={"milestone": milestone},
            link=("portal:milestone", [milestone.pk]),
        )
    cutoff = working_days_before(today, DECISION_WAITS_WORKING_DAYS)
    waiting = live.filter(status=Milestone.Status.SUBMITTED, submitted_at__date__lt=cutoff)
    for milestone in waiting:
        yield Reminder(
            key=f"milestone-review:{milestone.pk}:{milestone.submitted_at:%Y%m%d%H%M%S}",
            users=hub_managers(milestone.organisation.hub_id),
            template="reminder_decision_waiting",
            context={
                "what": milestone.title,
                "organisation": milestone.organisation,
                "since": milestone.submitted_at,
            },
            link=("milestones:inspect", [milestone.pk]),
            item=milestone,
        )


def send_reminders(now: datetime | None = None) -> int:
    """Send every reminder due at ``now`` that has not been sent to its recipient yet; return
    how many notifications went out. Safe to run every hour, and concurrently."""
    autodiscover_modules("reminders")
    now = now or timezone.now()
    sent = 0
    for source in _sources:
        for reminder in source(now):
            for user in reminder.users:
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(key=f"{reminder.key}:user:{user.pk}"[:200])
                        notify(
                            users=[user],
                            template=reminder.template,
                            context=reminder.context,
                            link=reminder.link,
                            item=reminder.item,
                            reminder=True,
                        )
                except IntegrityError:
                    continue  # sent before
                sent += 1
    return sent
