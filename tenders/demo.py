"""Demo data of tenders: the 2026 working-day calendar (State Council notice)."""

from incubator.seeding import SeedLog, demo_step
from tenders.calendar_2026 import CALENDAR_2026
from tenders.models import CalendarDay


@demo_step(order=80)
def seed_calendar_2026(log: SeedLog) -> None:
    """Public holidays and make-up working days of 2026."""
    for day, kind, name in CALENDAR_2026:
        _, created = CalendarDay.objects.get_or_create(
            date=day, defaults={"kind": kind, "name": name}
        )
        if created:
            log.add(f"calendar day {day:%Y-%m-%d}")
