from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.validators import validate_uscc

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
