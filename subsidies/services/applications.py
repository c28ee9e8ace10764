"""What an organisation does with its application: save a draft, submit it inside the scheme's
window, withdraw it before a decision."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.models import Organisation
from subsidies.models import Scheme, StaffLine, SubsidyApplication, SubsidyAttachment
from subsidies.selectors import applications_user_may_submit, organisations_user_may_apply_for
from subsidies.services.common import (
    FOR_MOVE,
    NOT_ALLOWED,
    check_lines,
    eligible_amount,
    incubation_of,
    money,
    recompute,
    refuse,
    tell_admins,
)
from subsidies.services.queues import application_queue_moved

SCHEME_CLOSED = _("%(scheme)s closed for applications on %(closes)s.")
ALREADY_APPLIED = _(
    "%(organisation)s already has an application under %(scheme)s: continue that one."
)
NOT_ELIGIBLE_STAGE = _(
    "%(scheme)s is for organisations that are %(stages)s; %(organisation)s is %(stage)s."
)
NOT_ELIGIBLE_HUB = _("%(scheme)s is not open to organisations of %(hub)s.")
OUTSIDE_WINDOW = _(
    "%(scheme)s accepts applications from %(opens)s to %(closes)s (China Standard Time); "
    "it is %(now)s now."
)
PAYROLL_REQUIRED = _("Attach the payroll of the staff listed before submitting.")
NOTHING_ELIGIBLE = _("Nothing in this application is eligible for a subsidy.")


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def check_eligible(scheme: Scheme, organisation: Organisation) -> None:
    """The organisation's stage and hub must be among those the scheme is for."""
    if organisation.stage not in scheme.eligible_stages:
        stages = ", ".join(str(Organisation.Stage(stage).label) for stage in scheme.eligible_stages)
        raise ServiceError(
            NOT_ELIGIBLE_STAGE
            % {
                "scheme": scheme.name,
                "stages": stages,
                "organisation": organisation.name,
                "stage": organisation.get_stage_display(),
            },
            code="stage_not_eligible",
        )
    hubs = list(scheme.hubs.values_list("pk", flat=True))
    if hubs and organisation.hub_id not in hubs:
        raise ServiceError(
            NOT_ELIGIBLE_HUB % {"scheme": scheme.name, "hub": organisation.hub},
            code="hub_not_eligible",
        )


@transaction.atomic
def subsidy_application_save_draft(
    *,
    scheme: Scheme,
    organisation: Organisation,
    lines: list[dict],
    attachments: Iterable[tuple[str, object]] = (),
    remove_attachments: Iterable[int] = (),
    application: SubsidyApplication | None = None,
    by,
) -> SubsidyApplication:
    """Create the organisation's draft under ``scheme``, or replace the lines of its draft or
    returned ``application``; add ``attachments`` (kind, file) and remove the attachments whose
    pks are in ``remove_attachments``.
    Before: the organisation is eligible (stage, hub), the scheme has not closed (for a new
    draft), every line keeps the rules. After: the lines with the eligible amounts the server
    computed, and their total; audited. ``lines`` are dicts of name, title, qualification,
    employment_started_on, monthly_salary (Decimal) and months."""
    if application is None:
        require_allowed(organisations_user_may_apply_for, by, organisation, message=NOT_ALLOWED)
        scheme = Scheme.objects.get(pk=scheme.pk)
        if timezone.now() >= scheme.closes_at:
            raise ServiceError(
                SCHEME_CLOSED % {"scheme": scheme.name, "closes": _when(scheme.closes_at)},
                code="scheme_closed",
            )
    else:
        require_allowed(applications_user_may_submit, by, application, message=NOT_ALLOWED)
        application = locked_for_move(application, SubsidyApplication.Status.SUBMITTED, **FOR_MOVE)
        if application.status not in SubsidyApplication.EDITABLE:
            refuse(application)
        scheme, organisation = application.scheme, application.organisation
    check_eligible(scheme, organisation)
    check_lines(scheme, lines, incubation_of(organisation))
    created = application is None
    if created:
        try:
            with transaction.atomic():
                application = SubsidyApplication.objects.create(
                    scheme=scheme, organisation=organisation, created_by=by
                )
        except IntegrityError as error:
            raise ServiceError(
                ALREADY_APPLIED % {"organisation": organisation.name, "scheme": scheme.name},
                code="already_applied",
            ) from error
    application.lines.all().delete()
    StaffLine.objects.bulk_create(
        StaffLine(
            application=application,
            position=position,
            name=line["name"].strip(),
            title=line["title"].strip(),
            qualification=line.get("qualification") or "none",
            employment_started_on=line["employment_started_on"],
            monthly_salary=line["monthly_salary"],
            months=line["months"],
            eligible_amount=eligible_amount(scheme, line),
        )
        for position, line in enumerate(lines)
    )
    removed = list(application.attachments.filter(pk__in=list(remove_attachments)))
    for attachment in removed:
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    added = 0
    for kind, file in attachments:
        attachment = SubsidyAttachment(
            application=application,
            kind=kind,
            file=file,
            original_name=getattr(file, "name", "")[:255],
            uploaded_by=by,
        )
        attachment.full_clean()
        attachment.save()
        added += 1
    total = recompute(application)
    audit_log(
        instance=application,
        action="subsidies.application.save_draft",
        user=by,
        data={
            "scheme": scheme.name,
            "lines": len(lines),
            "eligible": money(total),
            "added": added,
            "removed": len(removed),
        },
    )
    return application


@transaction.atomic
def subsidy_application_submit(*, application: SubsidyApplication, by) -> SubsidyApplication:
    """Submit a draft inside the scheme's window, or a returned application again, for the hub
    manager's recommendation.
    Before: the organisation is still eligible, the lines keep the rules, the payroll is
    attached; a draft is submitted between the scheme's opening and closing times (a returned
    application may be submitted again after the window: the return came from the hub).
    After: submitted with the eligible amounts recomputed from the current rules."""
    require_allowed(applications_user_may_submit, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.SUBMITTED, **FOR_MOVE)
    scheme = application.scheme
    now = timezone.now()
    if application.status == SubsidyApplication.Status.DRAFT and not scheme.is_open(now):
        raise ServiceError(
            OUTSIDE_WINDOW
            % {
                "scheme": scheme.name,
                "opens": _when(scheme.opens_at),
                "closes": _when(scheme.closes_at),
                "now": _when(now),
            },
            code="outside_window",
        )
    check_eligible(scheme, application.organisation)
    total = recompute(application)
    if total <= 0:
        raise ServiceError(NOTHING_ELIGIBLE, code="nothing_eligible")
    if not application.attachments.filter(kind=SubsidyAttachment.Kind.PAYROLL).exists():
        raise ServiceError(PAYROLL_REQUIRED, code="payroll_required")
    application.status = SubsidyApplication.Status.SUBMITTED
    application.submitted_at = now
    application.submitted_by = by
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit_log(
        instance=application,
        action="subsidies.application.submit",
        user=by,
        data={"scheme": scheme.name, "eligible": money(total)},
    )
    tell_admins(application, "application_submitted")
    application_queue_moved(application)
    return application


@transaction.atomic
def subsidy_application_withdraw(*, application: SubsidyApplication, by) -> SubsidyApplication:
    """The organisation withdraws its application before the bureau's decision; it may then
    apply to the scheme again."""
    require_allowed(applications_user_may_submit, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.WITHDRAWN, **FOR_MOVE)
    application.status = SubsidyApplication.Status.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.withdrawn_by = by
    application.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "updated_at"])
    audit_log(
        instance=application,
        action="subsidies.application.withdraw",
        user=by,
        data={"scheme": application.scheme.name},
    )
    tell_admins(application, "application_withdrawn")
    application_queue_moved(application)
    return application
