"""The end of an incubation: graduation, which needs every required milestone verified and
issues a graduation certificate letter, or exit. Either ends the organisation's office
allocations that day."""

from datetime import date

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.letters import IncubationLetterKind
from incubator.incubation.selectors import organisations_user_may_end_incubation
from incubator.incubation.services.allocations import allocations_end_for_incubation
from incubator.incubation.services.milestones import milestones_blocking_graduation
from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.letters import letter_issue
from incubator.models import Incubation, Letter, Milestone, Organisation

NOT_INCUBATING = _("%(organisation)s is not incubating.")
BEFORE_START = _("The incubation cannot end before it started on %(start)s.")
UNVERIFIED = _(
    "%(organisation)s cannot graduate yet: these required milestones are not verified: %(titles)s."
)
GRADUATION_TITLE = _("Certificate of graduation from the incubator")
REASON_REQUIRED = _("Give the reason for the exit; it is kept in the organisation's history.")


def _live_incubation(organisation: Organisation, on: date) -> Incubation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    names = {"organisation": organisation.name}
    incubation = (
        Incubation.objects.select_for_update()
        .filter(organisation=organisation, ended_on__isnull=True)
        .first()
    )
    if organisation.stage != Organisation.Stage.INCUBATING or incubation is None:
        raise ServiceError(NOT_INCUBATING % names, code="not_incubating")
    if on < incubation.started_on:
        raise ServiceError(
            BEFORE_START % {"start": date_format(incubation.started_on)}, code="before_start"
        )
    return incubation


def _end(incubation: Incubation, *, outcome: str, stage: str, on: date, by) -> None:
    incubation.ended_on = on
    incubation.outcome = outcome
    incubation.save(update_fields=["ended_on", "outcome"])
    Organisation.objects.filter(pk=incubation.organisation_id).update(stage=stage)
    incubation.organisation.stage = stage
    allocations_end_for_incubation(incubation=incubation, on=on, by=by)


def _tell_admins(template: str, incubation: Incubation, **context) -> None:
    notify_organisation_admins(
        incubation.organisation,
        template=template,
        context={"incubation": incubation, **context},
        link=("portal:dashboard", []),
    )


def _graduation_letter(incubation: Incubation, *, by) -> Letter:
    """The graduation certificate, numbered and verifiable like every letter, in Chinese."""
    verified = incubation.milestones.filter(status=Milestone.Status.VERIFIED).count()
    with translation.override("zh-hans"):
        return letter_issue(
            kind=IncubationLetterKind.GRADUATION,
            recipient=incubation.organisation,
            subject=incubation,
            title=str(GRADUATION_TITLE),
            details={
                "hub_name": incubation.hub.name,
                "starts_on": incubation.started_on.isoformat(),
                "ended_on": incubation.ended_on.isoformat(),
                "milestones_verified": verified,
            },
            by=by,
        )


@transaction.atomic
def incubation_graduate(*, organisation: Organisation, on: date, by) -> Incubation:
    """Graduate an incubating organisation on ``on``. Refused while a required milestone of its
    plan is not verified; the refusal names them, and while no reference prefix is set for
    graduation letters. After: the incubation ended as graduated, the organisation graduated,
    its allocations ended that day, a graduation certificate letter issued (rendered after
    commit), audited, admins emailed. Only a manager of the organisation's hub."""
    require_allowed(organisations_user_may_end_incubation, by, organisation)
    incubation = _live_incubation(organisation, on)
    unverified = list(milestones_blocking_graduation(incubation).values_list("title", flat=True))
    if unverified:
        raise ServiceError(
            UNVERIFIED
            % {
                "organisation": incubation.organisation.name,
                "titles": "、".join(f"“{title}”" for title in unverified),
            },
            code="unverified_milestones",
        )
    _end(
        incubation,
        outcome=Incubation.Outcome.GRADUATED,
        stage=Organisation.Stage.GRADUATED,
        on=on,
        by=by,
    )
    letter = _graduation_letter(incubation, by=by)
    audit_log(
        instance=incubation.organisation,
        action="incubator.incubation.graduate",
        user=by,
        data={"on": on.isoformat(), "hub": incubation.hub.name, "reference": letter.reference},
    )
    _tell_admins("incubation_graduated", incubation, letter=letter)
    return incubation


@transaction.atomic
def incubation_exit(*, organisation: Organisation, on: date, reason: str, by) -> Incubation:
    """End an incubation early (the organisation leaves, or the hub ends it), with a reason.
    After: the incubation ended as exited, the organisation exited, allocations ended that
    day, audited, admins emailed. Only a manager of the organisation's hub."""
    require_allowed(organisations_user_may_end_incubation, by, organisation)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    incubation = _live_incubation(organisation, on)
    _end(
        incubation,
        outcome=Incubation.Outcome.EXITED,
        stage=Organisation.Stage.EXITED,
        on=on,
        by=by,
    )
    audit_log(
        instance=incubation.organisation,
        action="incubator.incubation.exit",
        user=by,
        reason=reason,
        data={"on": on.isoformat(), "hub": incubation.hub.name},
    )
    _tell_admins("incubation_exited", incubation, reason=reason)
    return incubation
