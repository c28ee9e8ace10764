"""Intake: an organisation applies to join on the public site; a manager of the chosen hub
admits it (organisation, incubation, its contact as admin, an admission letter) or declines it
with a reason. Each decision emails the applicant."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.selectors import intake_applications_user_may_decide
from incubator.incubation.services.memberships import membership_create
from incubator.incubation.services.milestones import milestone_plan_create
from incubator.incubation.services.notifications import tell_intake_reviewers
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.mail import send_bilingual_mail
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.dates import add_months
from incubator.kernel.services.letters import letter_issue
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from incubator.models import Incubation, IntakeApplication, NotificationSettings, Organisation

CONFIRM_SALT = "incubator.intake.confirm"
CONFIRM_VALID_FOR = 3 * 24 * 60 * 60

MOVE_REFUSED = _("This application was already %(status)s.")
EMAIL_NOT_CONFIRMED = _("The applicant has not confirmed their email address yet.")
CODE_TAKEN = _("An organisation with the credit code %(code)s is already registered with us.")
BAD_PERIOD = _("An incubation lasts from 12 to 24 months.")
REASON_REQUIRED = _("Give the reason for declining; the applicant receives it by email.")
BAD_CONFIRMATION = _("This confirmation link is not valid or has expired.")
EMAIL_TAKEN = _("An account already uses %(email)s. Log in, or use another address.")


def _move(application: IntakeApplication, to: str) -> IntakeApplication:
    return locked_for_move(application, to, refused=MOVE_REFUSED)


def _email(application: IntakeApplication, template: str, **context) -> None:
    send_bilingual_mail(
        template, {"application": application, **context}, [application.contact_email]
    )


@transaction.atomic
def intake_submit(
    *, fields: dict, service_areas, password: str = "", password_hash: str = "", base_url: str
):
    """Record an application and create the contact's account, inactive until the emailed
    link confirms the address. The password comes as typed (``password``) or as
    ``make_password`` encoded it while the applicant checked their answers
    (``password_hash``). Refused (``ValidationError``, by the model's rules) when the
    founding date is in the future, the phone is not a phone number, or an organisation or
    another application waiting for review holds the credit code. No ``by``: an anonymous
    visitor applies on the public site (so do resending and confirming the link)."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(fields["contact_email"]).lower()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ServiceError(EMAIL_TAKEN % {"email": email}, code="email_taken")
    user = user_model(username=email, email=email, first_name=fields["contact_name"])
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.is_active = False
    user.save()
    # The language the applicant wrote in is the language they hear from us in.
    language = (translation.get_language() or "").lower()
    if language in dict(settings.LANGUAGES):
        NotificationSettings.objects.create(user=user, email_language=language)
    application = IntakeApplication(**{**fields, "contact_email": email}, applicant=user)
    application.full_clean()
    application.save()
    application.service_areas.set(service_areas)
    _email(application, "intake_confirm", link=_confirm_link(application, base_url))
    return application


def _confirm_link(application: IntakeApplication, base_url: str) -> str:
    token = signing.dumps(application.pk, salt=CONFIRM_SALT)
    with translation.override("zh-hans"):
        return base_url.rstrip("/") + reverse("intake_confirm", args=[token])


@transaction.atomic
def intake_resend_confirmation(*, email: str, base_url: str) -> None:
    """Send a new confirmation link to an applicant who lost or never got the first (their
    account stays inactive until they confirm, and applying again is refused). Before: an
    application with that contact address waits for its confirmation. After: a new link is
    queued. Says nothing either way, so the form cannot tell who has applied."""
    applications = IntakeApplication.objects.filter(
        contact_email__iexact=email.strip(),
        email_confirmed_at__isnull=True,
        status=IntakeApplication.Status.SUBMITTED,
    )
    for application in applications:
        _email(application, "intake_confirm", link=_confirm_link(application, base_url))


@transaction.atomic
def intake_confirm_email(*, token: str) -> IntakeApplication:
    """Confirm the applicant's address from the emailed link, and activate the account."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_FOR)
    except signing.BadSignature as error:
        raise ServiceError(BAD_CONFIRMATION, code="bad_confirmation") from error
    application = IntakeApplication.objects.select_related("applicant").filter(pk=pk).first()
    if application is None:
        raise ServiceError(BAD_CONFIRMATION, code="bad_confirmation")
    if application.email_confirmed_at is None:
        IntakeApplication.objects.filter(pk=pk).update(email_confirmed_at=timezone.now())
        application.applicant.is_active = True
        application.applicant.save(update_fields=["is_active"])
        tell_intake_reviewers(application)
    application.refresh_from_db()
    return application


@transaction.atomic
def intake_admit(
    *, application: IntakeApplication, started_on: date, months: int, by
) -> Organisation:
    """Admit an application. Before: submitted, email confirmed, 12 to 24 months, the credit
    code not taken. After, in one transaction: the organisation (incubating), its incubation,
    the contact as its admin with object permissions, the milestone plan from the hub's
    framework, an admission letter, and an email. Only those who review the application (its
    hub's managers, bureau officers)."""
    require_allowed(intake_applications_user_may_decide, by, application)
    application = _move(application, IntakeApplication.Status.ADMITTED)
    if application.email_confirmed_at is None:
        raise ServiceError(EMAIL_NOT_CONFIRMED, code="email_not_confirmed")
    if not 12 <= months <= 24:
        raise ServiceError(BAD_PERIOD, code="bad_period")
    code = application.credit_code
    if code and Organisation.objects.filter(credit_code=code).exists():
        raise ServiceError(CODE_TAKEN % {"code": code}, code="code_taken")
    organisation = Organisation(
        name=application.name,
        name_en=application.name_en,
        credit_code=code,
        legal_form=application.legal_form,
        registration_status=application.registration_status,
        founded_on=application.founded_on,
        contact_name=application.contact_name,
        contact_phone=application.contact_phone,
        contact_email=application.contact_email,
        hub=application.hub,
        stage=Organisation.Stage.INCUBATING,
    )
    organisation.full_clean()
    organisation.save()
    organisation.service_areas.set(application.service_areas.all())
    # 12 months from 1 March end on the last day of February.
    planned_end_on = add_months(started_on, months) - timedelta(days=1)
    incubation = Incubation.objects.create(
        organisation=organisation,
        hub=application.hub,
        started_on=started_on,
        planned_end_on=planned_end_on,
    )
    membership_create(organisation=organisation, user=application.applicant, role="admin", by=by)
    milestone_plan_create(incubation=incubation)
    with translation.override("zh-hans"):
        letter = letter_issue(
            kind="admission",
            recipient=organisation,
            subject=incubation,
            title=str(_("Notice of admission to the incubator")),
            details={
                "hub_name": application.hub.name,
                "start_date": date_format(started_on),
                "planned_end_date": date_format(planned_end_on),
                "starts_on": started_on.isoformat(),
                "planned_end_on": planned_end_on.isoformat(),
            },
            by=by,
        )
    IntakeApplication.objects.filter(pk=application.pk).update(
        status=IntakeApplication.Status.ADMITTED,
        decided_at=timezone.now(),
        decided_by=by,
        organisation=organisation,
    )
    audit_log(
        instance=organisation,
        action="incubator.intake.admit",
        user=by,
        data={"hub": application.hub.name, "reference": letter.reference},
    )
    application.refresh_from_db()
    notifications_done(item=application)
    notify_on_commit(
        users=[application.applicant],
        template="intake_admitted",
        context={"application": application, "incubation": incubation, "letter": letter},
        link=("portal:dashboard", []),
    )
    return organisation


@transaction.atomic
def intake_decline(*, application: IntakeApplication, reason: str, by) -> IntakeApplication:
    """Decline an application with a reason, which the applicant receives by email. Only
    those who review the application."""
    require_allowed(intake_applications_user_may_decide, by, application)
    application = _move(application, IntakeApplication.Status.DECLINED)
    if not reason.strip():
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    application.status = IntakeApplication.Status.DECLINED
    application.decline_reason = reason.strip()
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    audit_log(
        instance=application,
        action="incubator.intake.decline",
        user=by,
        reason=application.decline_reason,
        data={"name": application.name},
    )
    notifications_done(item=application)
    if application.applicant_id and application.email_confirmed_at is not None:
        # A confirmed applicant has an account: in their language, and in the app.
        notify_on_commit(
            users=[application.applicant],
            template="intake_declined",
            context={"application": application},
        )
    else:
        _email(application, "intake_declined")
    return application
