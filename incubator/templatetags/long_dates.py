"""Dates written out as letters and notices write them, in the active language:
``{{ day|long_date }}`` → 2027年1月1日 or 1 January 2027, and
``{{ start|date_span:end }}`` → 2027年1月1日至2027年12月31日 or 1 January 2027 to 31 December 2027.
They take dates, times (read in China Standard Time) or ISO strings (as letters keep their
details), and print anything else unchanged."""

from datetime import date, datetime

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

register = template.Library()
# Not strftime's %B, which follows the process locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


@register.filter
def long_date(value) -> str:
    """2027年1月1日 in Chinese, 1 January 2027 in English."""
    day = _as_date(value)
    if day is None:
        return "" if value is None else str(value)
    if _chinese():
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@register.filter
def date_span(start, end) -> str:
    """From ``start`` to ``end``, both days included: 2027年1月1日至2027年12月31日."""
    if _chinese():
        return f"{long_date(start)}至{long_date(end)}"
    return _("%(start)s to %(end)s") % {"start": long_date(start), "end": long_date(end)}
