from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.kernel.validators import normalise_uscc, validate_phone_cn, validate_uscc

from .organisations import Organisation


class IntakeApplication(models.Model):
    """An organisation's application to join the incubator, made on the public site by its
    contact person, and admitted or declined by a manager of the chosen hub."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        ADMITTED = "admitted", _("Admitted")
        DECLINED = "declined", _("Declined")

    # The moves each status allows; services check them, tests walk them.
    ALLOWED_MOVES = {
        Status.SUBMITTED: {Status.ADMITTED, Status.DECLINED},
        Status.ADMITTED: set(),
        Status.DECLINED: set(),
    }

    hub = models.ForeignKey(
        "incubator.Hub",
        verbose_name=_("hub"),
        on_delete=models.PROTECT,
        related_name="intake_applications",
    )
    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_("18 characters, as on the registration certificate; blank while pending."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=Organisation.LegalForm.choices
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=20,
        choices=Organisation.RegistrationStatus.choices,
    )
    service_areas = models.ManyToManyField(
        "incubator.ServiceArea", verbose_name=_("service areas"), blank=True, related_name="+"
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    mission = models.TextField(_("mission"), max_length=2000)
    incubation_plan = models.TextField(
        _("plan for the incubation period"),
        max_length=4000,
        help_text=_("What you want to achieve in the incubator, and how."),
    )
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    contact_email = models.EmailField(_("contact email"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        on_delete=models.PROTECT,
        related_name="intake_applications",
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intake_application",
    )

    class Meta:
        verbose_name = _("intake application")
        verbose_name_plural = _("intake applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="intake_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="admitted") | Q(organisation__isnull=False),
                name="intake_admission_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def email_confirmed(self) -> bool:
        """Whether the applicant confirmed their email address (needed before admission)."""
        return self.email_confirmed_at is not None

    def get_email_status_display(self) -> str:
        """The email confirmation as the intake list shows it."""
        if self.email_confirmed:
            return pgettext_lazy("email", "Confirmed")
        return pgettext_lazy("email", "Not confirmed: cannot be admitted yet")

    def clean(self):
        """An application waiting for review: founded no later than today, a phone number
        that is one, and a credit code that no organisation and no other application waiting
        for review holds already."""
        errors = {}
        self.credit_code = normalise_uscc(self.credit_code)
        if self.founded_on and self.founded_on > timezone.localdate():
            errors["founded_on"] = ValidationError(
                _("The founding date cannot be in the future."), code="founded_in_future"
            )
        if self.contact_phone:
            try:
                validate_phone_cn(self.contact_phone)
            except ValidationError as error:
                errors["contact_phone"] = error
        if self.credit_code and self.status == self.Status.SUBMITTED:
            code = {"code": self.credit_code}
            if Organisation.objects.filter(credit_code=self.credit_code).exists():
                errors["credit_code"] = ValidationError(
                    _(
                        "An organisation with the credit code %(code)s is already registered "
                        "with us. If it is yours, log in to its portal or ask its administrator "
                        "to invite you."
                    ),
                    code="credit_code_taken",
                    params=code,
                )
            elif (
                IntakeApplication.objects.filter(
                    credit_code=self.credit_code, status=self.Status.SUBMITTED
                )
                .exclude(pk=self.pk)
                .exists()
            ):
                errors["credit_code"] = ValidationError(
                    _(
                        "An application with the credit code %(code)s is already waiting for "
                        "review. If it was sent by mistake or with a wrong address, ask the hub "
                        "to decline it, then apply again."
                    ),
                    code="credit_code_pending",
                    params=code,
                )
        if errors:
            raise ValidationError(errors)
