"""Capacity milestones: a hub's framework becomes an organisation's plan at admission; the
organisation submits evidence; a manager of its hub verifies it or returns it with a reason.
Graduation, in ``incubator.incubation.services.incubations``, needs every required
milestone verified."""

from collections import OrderedDict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.selectors import (
    milestones_user_may_review,
    milestones_user_may_submit_evidence,
)
from incubator.incubation.services.notifications import hub_managers, notify_organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.dates import add_months
from incubator.kernel.services.notifications import (
    notifications_done,
    notify_on_commit,
)
from incubator.models import (
    Incubation,
    Milestone,
    MilestoneArea,
    MilestoneEvidence,
    MilestoneTemplate,
)

MOVE_REFUSED = _("“%(title)s” is %(status)s; it cannot be changed that way now.")
EVIDENCE_REQUIRED = _("Attach at least one file or write a note describing the evidence.")
REASON_REQUIRED = _("Give the reason for returning the evidence; the organisation receives it.")
NOT_INCUBATING = _("Evidence can only be submitted during the incubation.")


def milestone_plan_create(*, incubation: Incubation) -> list[Milestone]:
    """Copy the hub's active framework into the organisation's plan, each milestone due its
    template's months after the incubation starts (at the latest on its planned end)."""
    templates = MilestoneTemplate.objects.filter(hub=incubation.hub, is_active=True)
    plan = [
        Milestone(
            organisation=incubation.organisation,
            incubation=incubation,
            template=template,
            area=template.area,
            title=template.title,
            description=template.description,
            is_required=template.is_required,
            due_on=min(
                add_months(incubation.started_on, template.due_after_months),
                incubation.planned_end_on,
            ),
        )
        for template in templates
    ]
    return Milestone.objects.bulk_create(plan)


def _refused(locked: Milestone) -> str:
    return MOVE_REFUSED % {"title": locked.title, "status": locked.get_status_display()}


def _lock(milestone: Milestone, to: str) -> Milestone:
    return locked_for_move(milestone, to, refused=_refused, related=("organisation", "incubation"))


@transaction.atomic
def milestone_submit_evidence(*, milestone: Milestone, note: str, files, by) -> Milestone:
    """The organisation submits evidence (private files, a note, or both) for a planned or
    returned milestone, which then waits for its hub manager. An earlier return no longer
    stands: its decision is cleared from the milestone (the audit trail keeps it, with its
    reason, as history). Only a member of the organisation."""
    require_allowed(milestones_user_may_submit_evidence, by, milestone)
    milestone = _lock(milestone, Milestone.Status.SUBMITTED)
    if milestone.incubation.ended_on is not None:
        raise ServiceError(NOT_INCUBATING, code="not_incubating")
    note = (note or "").strip()
    if not note and not files:
        raise ServiceError(EVIDENCE_REQUIRED, code="evidence_required")
    for file in files:
        evidence = MilestoneEvidence(
            milestone=milestone,
            file=file,
            original_name=getattr(file, "name", "")[:255],
            uploaded_by=by,
        )
        evidence.full_clean()
        evidence.save()
    milestone.status = Milestone.Status.SUBMITTED
    milestone.evidence_note = note
    milestone.submitted_at = timezone.now()
    milestone.submitted_by = by
    milestone.decided_at = None
    milestone.decided_by = None
    milestone.return_reason = ""
    milestone.save(
        update_fields=[
            "status",
            "evidence_note",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
            "return_reason",
        ]
    )
    audit_log(
        instance=milestone,
        action="incubator.milestone.submit",
        user=by,
        data={"title": milestone.title, "files": len(files)},
    )
    notify_on_commit(
        users=hub_managers(milestone.organisation.hub_id),
        template="milestone_submitted",
        context={"milestone": milestone, "organisation": milestone.organisation},
        link=("milestones:inspect", [milestone.pk]),
        item=milestone,
    )
    return milestone


@transaction.atomic
def milestone_verify(*, milestone: Milestone, by) -> Milestone:
    """A manager of the organisation's hub accepts the evidence."""
    require_allowed(milestones_user_may_review, by, milestone)
    milestone = _lock(milestone, Milestone.Status.VERIFIED)
    milestone.status = Milestone.Status.VERIFIED
    milestone.decided_at = timezone.now()
    milestone.decided_by = by
    milestone.return_reason = ""
    milestone.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    audit_log(
        instance=milestone,
        action="incubator.milestone.verify",
        user=by,
        data={"title": milestone.title},
    )
    notifications_done(item=milestone)
    notify_organisation_admins(
        milestone.organisation,
        template="milestone_verified",
        context={"milestone": milestone},
        link=("portal:milestone", [milestone.pk]),
    )
    return milestone


@transaction.atomic
def milestone_return(*, milestone: Milestone, reason: str, by) -> Milestone:
    """A manager of the organisation's hub returns the evidence with a reason; the organisation
    can then submit again."""
    require_allowed(milestones_user_may_review, by, milestone)
    milestone = _lock(milestone, Milestone.Status.RETURNED)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    milestone.status = Milestone.Status.RETURNED
    milestone.decided_at = timezone.now()
    milestone.decided_by = by
    milestone.return_reason = reason
    milestone.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    audit_log(
        instance=milestone,
        action="incubator.milestone.return",
        user=by,
        reason=reason,
        data={"title": milestone.title},
    )
    notifications_done(item=milestone)
    notify_organisation_admins(
        milestone.organisation,
        template="milestone_returned",
        context={"milestone": milestone},
        link=("portal:milestone", [milestone.pk]),
    )
    return milestone


def overdue_condition(today=None) -> Q:
    """What makes a milestone overdue: past its due date, still waiting for the organisation's
    evidence, of an organisation still incubating."""
    today = today or timezone.localdate()
    # "Not of an ended incubation" rather than a join with every running one: the ended are
    # the fewer, and the database counts the city's overdue milestones from an index.
    ended = Incubation.objects.filter(ended_on__isnull=False).values("pk")
    return Q(status__in=Milestone.OPEN, due_on__lt=today) & ~Q(incubation__in=ended)


def overdue(milestones: QuerySet[Milestone], today=None) -> QuerySet[Milestone]:
    """Milestones past their due date still waiting for the organisation's evidence, of
    organisations still incubating."""
    return milestones.filter(overdue_condition(today))


@dataclass(frozen=True)
class AreaProgress:
    """How far one area of a plan has come."""

    area: str
    label: str
    total: int
    verified: int

    @property
    def percent(self) -> int:
        return round(100 * self.verified / self.total) if self.total else 0


def progress_by_area(milestones: QuerySet[Milestone]) -> list[AreaProgress]:
    """Verified out of all milestones per area, in the framework's order of areas; one query."""
    counts = {
        row["area"]: row
        for row in milestones.order_by()
        .values("area")
        .annotate(total=Count("pk"), verified=Count("pk", filter=Q(status="verified")))
    }
    rows = OrderedDict()
    for area in MilestoneArea:
        if area.value in counts:
            row = counts[area.value]
            rows[area.value] = AreaProgress(area.value, area.label, row["total"], row["verified"])
    return list(rows.values())


def milestones_blocking_graduation(incubation: Incubation | None) -> QuerySet[Milestone]:
    """The required milestones of an incubation's plan not verified yet, by due date: while
    any remains, the organisation cannot graduate (``incubation_graduate``)."""
    if incubation is None:
        return Milestone.objects.none()
    return (
        incubation.milestones.filter(is_required=True)
        .exclude(status=Milestone.Status.VERIFIED)
        .order_by("due_on", "title")
    )
