"""Keeping the working-day calendar: an officer confirms a year against the State Council's
notice, which recomputes the award deadlines counted through it; an override of one day
withdraws the confirmation of its year until an officer confirms it again.

Award deadlines are announced to the bidders the day of the award, so a recomputed deadline is
announced again (on the tender page and to every bidder, like a correction notice) and never
shortened: a bidder may rely on the date they were given."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.calendar import add_working_days, calendar_changed
from incubator.kernel.errors import ServiceError
from incubator.kernel.services.notifications import notify_on_commit
from tenders.models import AwardDeadlineChange, CalendarDay, CalendarYear, TenderAward, TenderBid
from tenders.selectors import calendar_user_may_confirm
from tenders.services import NOT_ALLOWED
from tenders.services.awards import CHALLENGE_WORKING_DAYS, NOTICE_WORKING_DAYS

CONFIRMED_ALREADY = _("The %(year)s calendar is confirmed already.")
YEAR_OUT_OF_RANGE = _("Give a year between 2000 and 2100.")
NUMBER_REQUIRED = _("Give the document number of the State Council's notice.")
PUBLISHED_IN_FUTURE = _("The notice cannot be published after today.")
PUBLISHED_TOO_EARLY = _("The notice on %(year)s is published in %(before)s or %(year)s.")


@transaction.atomic
def calendar_year_confirm(
    *, year: int, notice_number: str, notice_published_on: date, note: str = "", by, now=None
) -> CalendarYear:
    """Confirm that ``year``'s working days match the State Council's notice. Before: not yet
    confirmed, the notice named and dated. After: deadlines counted through the year are
    final; pending awards' deadlines are recomputed, every change announced and audited."""
    if not calendar_user_may_confirm(by):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    now = now or timezone.now()
    notice_number = (notice_number or "").strip()
    if year is None or not 2000 <= year <= 2100:
        raise ServiceError(YEAR_OUT_OF_RANGE, code="year")
    if not notice_number:
        raise ServiceError(NUMBER_REQUIRED, code="notice_number")
    if notice_published_on > timezone.localdate(now):
        raise ServiceError(PUBLISHED_IN_FUTURE, code="published_on")
    if notice_published_on.year < year - 1:
        raise ServiceError(
            PUBLISHED_TOO_EARLY % {"year": year, "before": year - 1}, code="published_on"
        )
    if CalendarYear.objects.select_for_update().filter(year=year).exists():
        raise ServiceError(CONFIRMED_ALREADY % {"year": year}, code="confirmed")
    confirmation = CalendarYear.objects.create(
        year=year,
        notice_number=notice_number,
        notice_published_on=notice_published_on,
        note=(note or "").strip(),
        confirmed_at=now,
        confirmed_by=by,
    )
    calendar_changed()  # count on the confirmed calendar from here on
    changes = awards_recount(year=year, now=now)
    audit_log(
        instance=confirmation,
        action="tenders.calendar.confirm",
        user=by,
        data={
            "year": year,
            "notice_number": notice_number,
            "notice_published_on": notice_published_on,
            # The audit trail stores plain values: one line per moved award.
            "recomputed": "; ".join(
                f"{change.award.tender.reference}: "
                f"{change.old_notice_ends_on}/{change.old_challenge_ends_on} → "
                f"{change.new_notice_ends_on}/{change.new_challenge_ends_on}"
                for change in changes
            ),
            "changed": len(changes),
        },
    )
    return confirmation


def awards_recount(*, year: int, now) -> list[AwardDeadlineChange]:
    """Recount the deadlines of the awards still open to challenge whose count runs through
    ``year``; announce and audit each that moves. Deadlines only ever move later."""
    awards = (
        TenderAward.objects.select_for_update()
        .filter(
            status__in=[TenderAward.Status.PENDING, TenderAward.Status.CHALLENGED],
            challenge_ends_on__year__gte=year,
            decided_at__lt=timezone.make_aware(datetime(year + 1, 1, 1)),
        )
        .select_related("tender")
        .order_by("pk")
    )
    changes = []
    for award in awards:
        decided_on = timezone.localdate(award.decided_at)
        notice = add_working_days(decided_on, NOTICE_WORKING_DAYS)
        challenge = add_working_days(notice, CHALLENGE_WORKING_DAYS)
        # Announced dates are never shortened; a later count extends them.
        notice = max(notice, award.notice_ends_on)
        challenge = max(challenge, award.challenge_ends_on)
        if (notice, challenge) == (award.notice_ends_on, award.challenge_ends_on):
            continue
        change = AwardDeadlineChange.objects.create(
            award=award,
            year=year,
            old_notice_ends_on=award.notice_ends_on,
            new_notice_ends_on=notice,
            old_challenge_ends_on=award.challenge_ends_on,
            new_challenge_ends_on=challenge,
            announced_at=now,
        )
        award.notice_ends_on, award.challenge_ends_on = notice, challenge
        award.save(update_fields=["notice_ends_on", "challenge_ends_on"])
        audit_log(
            instance=award.tender.source_page,
            action="tenders.award.deadlines",
            user=None,
            reason=str(_("The %(year)s calendar was confirmed.") % {"year": year}),
            changes={
                "notice_ends_on": (change.old_notice_ends_on, notice),
                "challenge_ends_on": (change.old_challenge_ends_on, challenge),
            },
            data={"year": year, "challenge_ends_on": challenge},
        )
        notify_on_commit(
            users=organisation_members(
                TenderBid.objects.filter(tender=award.tender, status__in=TenderBid.SEALED).values(
                    "organisation"
                )
            ),
            template="tenders/email/award_deadlines_changed",
            context={"tender": award.tender, "award": award, "change": change},
            link=("tenders_portal:bid", [award.tender_id]),
        )
        changes.append(change)
    return changes


@transaction.atomic
def calendar_day_save(*, day: CalendarDay, by, previous_date: date | None = None) -> CalendarDay:
    """Save the bureau's override of one day. A confirmed year it touches is confirmed no
    longer: its deadlines are provisional until an officer confirms it again."""
    if not calendar_user_may_confirm(by):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    day.full_clean()
    day.save()
    years = {day.date.year} | ({previous_date.year} if previous_date else set())
    _withdraw(years=years, day=day, by=by, action="tenders.calendar.day_save")
    return day


@transaction.atomic
def calendar_day_delete(*, day: CalendarDay, by) -> None:
    """Remove an override; as with a change, its year needs confirming again."""
    if not calendar_user_may_confirm(by):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    _withdraw(years={day.date.year}, day=day, by=by, action="tenders.calendar.day_delete")
    day.delete()


def _withdraw(*, years: set[int], day: CalendarDay, by, action: str) -> None:
    withdrawn = sorted(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    CalendarYear.objects.filter(year__in=withdrawn).delete()
    audit_log(
        instance=day,
        action=action,
        user=by,
        data={
            "date": day.date,
            "kind": day.get_kind_display(),
            "withdrawn": "、".join(str(year) for year in withdrawn) or "—",
        },
    )
    calendar_changed()
