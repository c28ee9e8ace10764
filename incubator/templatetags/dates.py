"""Dates and short values that never break across lines: ``{{ day|nowrap_date }}`` →
<time class="nobr" datetime="2026-12-01">2026年12月1日</time>, kept on one line by the style
sheet; with "DATETIME_FORMAT" for a time in China Standard Time. ``{{ amount|rmb|nobr }}`` does
the same for any other formatted value."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def nowrap_date(value, format_name: str = "DATE_FORMAT"):
    """The date (or time, in local time) in the active language's format, as a <time>."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html(
        '<time class="nobr" datetime="{}">{}</time>',
        value.isoformat(),
        formats.date_format(value, format_name),
    )


@register.filter
def nobr(value):
    """Any short formatted value (an amount such as ¥72,000.00, a date already formatted, a
    status) kept on one line: ``{{ amount|rmb|nobr }}`` → <span class="nobr">¥72,000.00</span>."""
    if value is None or value == "":
        return ""
    return format_html('<span class="nobr">{}</span>', value)
