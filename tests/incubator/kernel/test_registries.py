"""The kernel's letter kinds and working-day calendar are contributed by the apps in their
AppConfig's ready(); the kernel itself names no app's letters and reads no app's models."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

import pytest

from incubator.kernel import calendar
from incubator.kernel.letters import LetterKinds, letter_kind_choices, letter_kinds
from tenders.services.calendar import BUREAU_CALENDAR

KERNEL = Path(calendar.__file__).parent


def test_each_app_registers_its_letter_kinds():
    with translation.override("en"):
        choices = {value: str(label) for value, label in letter_kind_choices()}
    assert choices == {
        "admission": "Admission to the incubator",
        "graduation": "Graduation from the incubator",
        "tender_award": "Tender award",
        "tender_regret": "Tender regret",
        "contract_amendment": "Contract amendment",
        "contract_acceptance": "Contract acceptance",
        "subsidy_award": "Staff-cost subsidy award",
        "voucher_settlement": "Care-voucher settlement",
    }
    assert letter_kinds("tender_regret").template == "letters/tender_regret.html"


def test_the_kernel_names_no_app_letter_kind():
    source = "\n".join(path.read_text(encoding="utf-8") for path in KERNEL.rglob("*.py"))
    kinds = ("admission", "graduation", "tender_award", "tender_regret", "subsidy_award")
    for kind in (*kinds, "contract_amendment", "contract_acceptance"):
        assert f'"{kind}"' not in source


def test_a_kind_registered_twice_differently_is_refused():
    kinds = LetterKinds()
    kinds.register("notice", "Notice")
    kinds.register("notice", "Notice")
    with pytest.raises(ImproperlyConfigured):
        kinds.register("notice", "Notice", template="letters/other.html")
    with pytest.raises(ValueError):
        kinds("unknown")


def test_the_tenders_app_contributes_the_bureau_calendar():
    assert calendar._source[0] is BUREAU_CALENDAR


@pytest.fixture
def source():
    """Swap in a calendar source for one test (and a fresh cache generation each way)."""
    before = calendar._source[0]

    def use(new):
        calendar.register_calendar_source(new)
        calendar._new_generation()

    yield use
    use(before)


def test_without_overrides_the_package_calendar_counts(source):
    source(calendar._NO_SOURCE)
    assert not calendar.is_working_day(date(2026, 10, 1))  # 国庆节
    assert calendar.is_working_day(date(2026, 10, 10))  # make-up Saturday
    assert calendar.confirmed_years() == frozenset()
    assert calendar.deadline_state(date(2026, 1, 1), date(2026, 2, 1)).provisional


def test_a_registered_source_overrides_days_and_confirms_years(source):
    source(
        calendar.CalendarSource(
            overrides=lambda year: [
                (date(year, 10, 1), True, "override"),
                (date(year, 3, 2), False, ""),
            ],
            confirmation=lambda year: "国办发明电〔2025〕7号" if year == 2026 else None,
            confirmed_years=lambda: [2026],
        )
    )
    assert calendar.is_working_day(date(2026, 10, 1))
    assert not calendar.is_working_day(date(2026, 3, 2))
    year = calendar.year_calendar(2026)
    assert year.confirmed and year.notice_number == "国办发明电〔2025〕7号"
    assert year.overridden == frozenset({date(2026, 10, 1), date(2026, 3, 2)})
    assert not calendar.deadline_state(date(2026, 1, 1), date(2026, 2, 1)).provisional
    assert not calendar.year_calendar(2027).confirmed
