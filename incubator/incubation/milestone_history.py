"""What happened to a milestone's evidence before now. The milestone row holds only the
current decision; each return, with its reason, stays in the audit trail, and is read from
there to show earlier returns as history."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import ModelLogEntry

from incubator.models import Milestone


@dataclass(frozen=True)
class PastReturn:
    """One earlier return of the evidence: when, by whom and why."""

    at: datetime
    by: object
    reason: str


def milestone_earlier_returns(milestone: Milestone) -> list[PastReturn]:
    """The returns of the milestone's evidence that no longer stand, newest first: all of
    them once the organisation has submitted again, all but the latest while it is returned."""
    entries = (
        ModelLogEntry.objects.for_instance(milestone)
        .filter(action="incubator.milestone.return")
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    returns = [
        PastReturn(at=entry.timestamp, by=entry.user, reason=(entry.data or {}).get("reason", ""))
        for entry in entries
    ]
    if milestone.status == Milestone.Status.RETURNED:
        return returns[1:]
    return returns
