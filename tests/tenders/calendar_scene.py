"""What the calendar-confirmation tests share: the moments they act at and a confirmation of a
year against its State Council notice, made through the service."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tenders.services.calendar_years import calendar_year_confirm

SHANGHAI = ZoneInfo("Asia/Shanghai")
DECIDED_AT = datetime(2026, 12, 28, 10, 0, tzinfo=SHANGHAI)  # Monday before New Year 2027
CONFIRMING_AT = datetime(2026, 12, 29, 9, 0, tzinfo=SHANGHAI)


def confirm(year: int, officer, **fields):
    """Confirm ``year`` as ``officer``, citing a notice published the November before."""
    values = {
        "year": year,
        "notice_number": f"国办发明电〔{year - 1}〕7号",
        "notice_published_on": date(year - 1, 11, 4),
        "by": officer,
        "now": CONFIRMING_AT,
        **fields,
    }
    return calendar_year_confirm(**values)
