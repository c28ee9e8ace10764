"""No silent guesses: a deadline counted through a year that no officer has confirmed against the
State Council's notice is provisional wherever it shows; confirming the year makes it final,
recounts the awards' deadlines that depend on it, announces each change to the bidders and on
the tender page, and leaves it all in the audit trail."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from unittest import mock

from django.core import mail

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from incubator.kernel.calendar import deadline_state
from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from tenders.dashboard import years_to_confirm
from tenders.models import AwardDeadlineChange, CalendarDay, CalendarYear
from tenders.services.awards import tender_award
from tenders.services.calendar_years import (
    calendar_day_save,
)
from tenders.services.evaluation import bid_score, conflicts_declare, evaluator_assign
from tests.factories import (
    OrganisationFactory,
    bureau_officer,
    incubation_for,
    member_of,
    staff_with_role,
    submitted_bid,
    tender_page,
)
from tests.tenders.calendar_scene import DECIDED_AT, SHANGHAI, confirm


@pytest.fixture
def officer(db):
    return bureau_officer()


@pytest.fixture
def award(index, letterhead, officer, django_capture_on_commit_callbacks):
    """A tender closed on 10 December 2026, evaluated, and awarded on 28 December with 2026
    confirmed: the notice ends on the 29th, the challenge window runs into 2027."""
    confirm(2026, officer, now=datetime(2025, 11, 5, 9, 0, tzinfo=SHANGHAI))
    tender = tender_page(
        index,
        opens_at=datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI),
        deadline=datetime(2026, 12, 10, 17, 0, tzinfo=SHANGHAI),
    )
    evaluator = staff_with_role(Role.EVALUATOR)
    evaluator_assign(tender=tender, user=evaluator, by=officer)
    bids = []
    for price in ("200000.00", "250000.00"):
        organisation = OrganisationFactory()
        incubation_for(organisation)
        admin = member_of(organisation, "admin", email=f"{price}@example.org")
        bids.append(
            submitted_bid(
                tender, organisation, admin, price=price, now=tender.deadline - timedelta(hours=1)
            )
        )
    lines = {b.pk: ("none", "") for b in bids}
    conflicts_declare(tender=tender, by=evaluator, lines=lines, now=DECIDED_AT)
    for bid in bids:
        scores = {
            c.pk: (Decimal(c.weight - 5), "评语") for c in tender.criteria.all() if not c.is_price
        }
        bid_score(bid=bid, by=evaluator, scores=scores, now=DECIDED_AT)
    mail.outbox.clear()  # what the setup sent (emails leave with their change)
    with django_capture_on_commit_callbacks(execute=True):
        award = tender_award(
            tender=tender,
            bid=bids[0],
            amount=Decimal("200000.00"),
            rationale="综合得分第一。",
            contract_starts_on=date(2027, 2, 1),
            contract_months=12,
            deliverables="每月上门服务不少于八次。",
            by=officer,
            now=DECIDED_AT,
        )
    award.emails = [message.body for message in mail.outbox]
    mail.outbox.clear()
    return award


def public_page(client, award) -> str:
    """The tender's public page as a visitor sees it on the day of the award (the real clock
    may not have reached the tender's deadline yet, and nothing shows an award before it)."""
    with mock.patch("django.utils.timezone.now", return_value=DECIDED_AT):
        return client.get(award.tender.url).content.decode()


def test_a_deadline_counted_into_2027_is_provisional_until_2027_is_confirmed(
    client, award, officer
):
    # 29, 30, 31 December, (1 January off), 4, 5, 6, 7, 8 January.
    assert award.notice_ends_on == date(2026, 12, 29)
    assert award.challenge_ends_on == date(2027, 1, 8)
    state = deadline_state(date(2026, 12, 28), award.challenge_ends_on)
    assert state.provisional and state.unconfirmed_years == (2027,)
    page = public_page(client, award)
    assert "deadline-provisional" in page and "2027" in page
    # The bidders' email says so too, with the reason.
    assert all("Provisional: counted on the 2027 holiday calendar" in body for body in award.emails)

    confirm(2027, officer)

    assert not deadline_state(date(2026, 12, 28), award.challenge_ends_on).provisional
    assert "deadline-provisional" not in public_page(client, award)
    award.refresh_from_db()
    assert award.challenge_ends_on == date(2027, 1, 8)  # the package had it right: no change
    assert not AwardDeadlineChange.objects.exists()
    entry = ModelLogEntry.objects.get(action="tenders.calendar.confirm", data__year=2027)
    assert entry.data["changed"] == 0
    assert entry.user == officer
    assert mail.outbox == []


def test_confirming_a_year_moves_the_deadlines_it_changes_and_announces_it(
    client, award, officer, django_capture_on_commit_callbacks
):
    # Say the 2027 notice gives Monday and Tuesday 4 and 5 January off: the bureau enters them
    # as overrides, then confirms the year.
    for day in (4, 5):
        calendar_day_save(
            day=CalendarDay(date=date(2027, 1, day), kind=CalendarDay.Kind.HOLIDAY, name="元旦"),
            by=officer,
        )
    with django_capture_on_commit_callbacks(execute=True):
        confirm(2027, officer)

    award.refresh_from_db()
    assert award.notice_ends_on == date(2026, 12, 29)
    assert award.challenge_ends_on == date(2027, 1, 12)
    change = AwardDeadlineChange.objects.get(award=award)
    assert (change.old_challenge_ends_on, change.new_challenge_ends_on) == (
        date(2027, 1, 8),
        date(2027, 1, 12),
    )
    moved = PageLogEntry.objects.get(
        action="tenders.award.deadlines", page=award.tender.source_page
    )
    assert moved.data["changes"]["challenge_ends_on"] == ["2027-01-08", "2027-01-12"]
    confirmed = ModelLogEntry.objects.get(action="tenders.calendar.confirm", data__year=2027)
    assert confirmed.data["changed"] == 1
    assert confirmed.data["recomputed"] == (
        f"{award.tender.reference}: 2026-12-29/2027-01-08 → 2026-12-29/2027-01-12"
    )
    # Every bidder hears of it, as of an amendment, and the tender page carries the notice.
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["200000.00@example.org", "250000.00@example.org"]
    assert "2027-01-12" in mail.outbox[0].body and "2027-01-08" in mail.outbox[0].body
    page = public_page(client, award)
    assert 'class="deadline-changes"' in page and "2027年1月12日" in page


def test_an_announced_deadline_is_never_shortened(award, officer):
    # Say the notice makes Saturday 2 January 2027 a working day: the count ends a day
    # earlier, but the bidders were given the 8th, and the 8th stands.
    calendar_day_save(
        day=CalendarDay(date=date(2027, 1, 2), kind=CalendarDay.Kind.WORKING_DAY), by=officer
    )
    confirm(2027, officer)
    award.refresh_from_db()
    assert award.challenge_ends_on == date(2027, 1, 8)
    assert not AwardDeadlineChange.objects.exists()


def test_an_override_withdraws_the_confirmation_of_its_year(award, officer):
    assert CalendarYear.objects.filter(year=2026).exists()
    calendar_day_save(
        day=CalendarDay(date=date(2026, 12, 31), kind=CalendarDay.Kind.HOLIDAY), by=officer
    )
    assert not CalendarYear.objects.filter(year=2026).exists()
    assert deadline_state(date(2026, 12, 28), date(2026, 12, 29)).unconfirmed_years == (2026,)
    entry = ModelLogEntry.objects.get(action="tenders.calendar.day_save")
    assert entry.data["withdrawn"] == "2026"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"notice_number": "  "}, "notice_number"),
        ({"notice_published_on": date(2027, 1, 2)}, "published_on"),
        ({"notice_published_on": date(2024, 11, 4)}, "published_on"),
        ({"year": 1999}, "year"),
    ],
)
def test_a_confirmation_without_a_proper_notice_is_refused(officer, fields, code):
    with pytest.raises(ServiceError) as error:
        confirm(fields.pop("year", 2027), officer, **fields)
    assert error.value.code == code
    assert not CalendarYear.objects.exists()


def test_a_year_is_confirmed_once_and_only_by_a_bureau_officer(officer):
    manager = staff_with_role(Role.HUB_MANAGER)
    with pytest.raises(ServiceError) as error:
        confirm(2027, manager)
    assert error.value.code == "not_allowed"
    confirm(2027, officer)
    with pytest.raises(ServiceError) as error:
        confirm(2027, officer)
    assert error.value.code == "confirmed"


def test_from_1_november_next_year_waits_for_confirmation(officer):
    confirm(2026, officer, now=datetime(2025, 11, 5, 9, 0, tzinfo=SHANGHAI))
    assert years_to_confirm(date(2026, 10, 31)) == []
    assert years_to_confirm(date(2026, 11, 1)) == [2027]
    confirm(2027, officer)
    assert years_to_confirm(date(2026, 12, 31)) == []
    assert years_to_confirm(date(2027, 11, 1)) == [2028]
