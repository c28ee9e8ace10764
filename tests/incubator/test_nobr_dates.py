"""Dates and short values stay on one line: the nowrap_date and nobr filters wrap them in an
element the style sheet keeps unbroken, and escape what they wrap."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation


def _render(source: str, **context) -> str:
    with translation.override("zh-hans"):
        return Template("{% load dates money %}" + source).render(Context(context))


def test_a_date_is_a_time_element_kept_on_one_line():
    html = _render("{{ day|nowrap_date }}", day=date(2026, 12, 4))
    assert html == '<time class="nobr" datetime="2026-12-04">2026年12月4日</time>'


def test_a_time_is_shown_in_china_standard_time():
    evening = datetime(2026, 12, 4, 14, 30, tzinfo=ZoneInfo("UTC"))
    html = _render('{{ at|nowrap_date:"DATETIME_FORMAT" }}', at=evening)
    assert 'class="nobr"' in html and "22:30" in html


def test_nothing_renders_nothing():
    assert _render("{{ day|nowrap_date }}", day=None) == ""
    assert _render("{{ amount|rmb|nobr }}", amount=None) == ""


def test_an_amount_is_kept_on_one_line():
    html = _render("{{ amount|rmb|nobr }}", amount=72000)
    assert html == '<span class="nobr">¥72,000.00</span>'


def test_what_is_wrapped_is_escaped():
    assert _render("{{ text|nobr }}", text="<b>已核验</b>") == (
        '<span class="nobr">&lt;b&gt;已核验&lt;/b&gt;</span>'
    )


def test_the_style_sheet_keeps_them_unbroken():
    css = (Path(__file__).resolve().parents[2] / "static/css/site.css").read_text()
    assert ".nobr { white-space: nowrap; }" in css
    assert "line-break: strict" in css
    assert ".status-badge {" in css and ".status-returned" in css
