"""Dates as letters write them: 2027年1月1日至2027年12月31日, or 1 January 2027 in English."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from incubator.templatetags.long_dates import date_span, long_date


def test_chinese_dates_and_spans():
    with translation.override("zh-hans"):
        assert long_date(date(2027, 1, 1)) == "2027年1月1日"
        assert long_date("2027-12-31") == "2027年12月31日"
        assert date_span("2027-01-01", date(2027, 12, 31)) == "2027年1月1日至2027年12月31日"


def test_a_time_is_dated_in_china_standard_time():
    late_evening_utc = datetime(2026, 12, 31, 17, 0, tzinfo=ZoneInfo("UTC"))
    with translation.override("zh-hans"):
        assert long_date(late_evening_utc) == "2027年1月1日"


def test_english_dates_and_spans():
    with translation.override("en"):
        assert long_date(date(2027, 1, 1)) == "1 January 2027"
        assert date_span(date(2027, 1, 1), "2027-12-31") == "1 January 2027 to 31 December 2027"


def test_anything_else_is_printed_unchanged():
    with translation.override("zh-hans"):
        assert long_date("2026年3月1日") == "2026年3月1日"
        assert long_date(None) == ""
