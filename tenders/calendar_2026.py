"""The 2026 public holidays and make-up working days, from the State Council General Office's
notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知).
Loaded by the demo; bureau officers keep later years in the admin."""

from datetime import date, timedelta

HOLIDAY = "holiday"
WORKING_DAY = "working_day"


def _span(first: date, last: date, name: str) -> list[tuple[date, str, str]]:
    days = (last - first).days
    return [(first + timedelta(days=n), HOLIDAY, name) for n in range(days + 1)]


CALENDAR_2026: list[tuple[date, str, str]] = [
    *_span(date(2026, 1, 1), date(2026, 1, 1), "元旦"),
    *_span(date(2026, 2, 15), date(2026, 2, 23), "春节"),
    (date(2026, 2, 14), WORKING_DAY, "春节调休上班"),
    (date(2026, 2, 28), WORKING_DAY, "春节调休上班"),
    *_span(date(2026, 4, 4), date(2026, 4, 6), "清明节"),
    *_span(date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
    (date(2026, 5, 9), WORKING_DAY, "劳动节调休上班"),
    *_span(date(2026, 6, 19), date(2026, 6, 21), "端午节"),
    *_span(date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
    *_span(date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
    (date(2026, 9, 20), WORKING_DAY, "国庆节调休上班"),
    (date(2026, 10, 10), WORKING_DAY, "国庆节调休上班"),
]
