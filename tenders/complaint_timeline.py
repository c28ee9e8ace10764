"""A complaint's timeline, read from its own dates: filed; the answer due; passed to the
bureau when the due date went by unanswered; answered (by the provider or the bureau, on time
or late); the answer rated. The public page names no member of staff."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenders.models import Answerer, Complaint


@dataclass
class TimelineEntry:
    """One step: when (a moment, or a day for what is due), what, and how it went
    (``done``, ``due``, ``late``)."""

    when: datetime | date
    title: str
    detail: str = ""
    state: str = "done"

    @property
    def is_day(self) -> bool:
        return not isinstance(self.when, datetime)


def complaint_timeline(complaint: Complaint, today: date, *, public: bool) -> list[TimelineEntry]:
    """The steps of ``complaint`` up to ``today``, in order."""
    entries = [
        TimelineEntry(
            complaint.filed_at,
            _("Complaint filed"),
            _("About: %(category)s") % {"category": complaint.get_category_display()},
        )
    ]
    if complaint.answered_at is None:
        if complaint.is_late(today):
            entries.append(
                TimelineEntry(
                    complaint.answer_due_on + timedelta(days=1),
                    _("Not answered in time: passed to the bureau"),
                    _("The provider had to answer by %(day)s.")
                    % {"day": date_format(complaint.answer_due_on)},
                    "late",
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    complaint.answer_due_on,
                    _("Answer due"),
                    _("The provider answers by this day at the latest."),
                    "due",
                )
            )
        return entries
    if complaint.answered_as == Answerer.BUREAU:
        title = _("Answered by the bureau")
    else:
        title = _("Answered by the provider")
    on_time = complaint.answered_on_time()
    detail = (
        _("On time.")
        if on_time
        else _("Late: it was due by %(day)s.") % {"day": date_format(complaint.answer_due_on)}
    )
    if not public and complaint.answered_by is not None:
        detail += " " + _("By %(name)s.") % {"name": complaint.answered_by.get_full_name()}
    entries.append(
        TimelineEntry(complaint.answered_at, title, detail, "done" if on_time else "late")
    )
    if complaint.rated_at is not None:
        entries.append(
            TimelineEntry(
                complaint.rated_at,
                _("Answer rated"),
                _("%(rating)s out of 5") % {"rating": complaint.rating},
            )
        )
    return entries
