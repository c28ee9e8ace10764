from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from incubator.kernel.validators import normalise_uscc, validate_uscc


class ServiceArea(models.Model):
    """A field of public service an organisation works in (elderly care, disability, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        if (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class OrganisationQuerySet(models.QuerySet):
    """Vocabulary for organisation lists."""

    def incubating(self):
        return self.filter(stage=Organisation.Stage.INCUBATING)


class Organisation(models.Model):
    """A social organisation (社会组织) that applies to, is incubated by, or left a hub."""

    class LegalForm(models.TextChoices):
        SOCIAL_GROUP = "social_group", _("Social group (社会团体)")
        SOCIAL_SERVICE = "social_service", _("Social service organisation (社会服务机构)")
        FOUNDATION = "foundation", _("Foundation (基金会)")

    class RegistrationStatus(models.TextChoices):
        PREPARING = "preparing", _("Preparing to register")
        COMMUNITY_FILED = "community_filed", _("Filed with the town (community organisation)")
        REGISTERED = "registered", _("Registered with civil affairs")

    class Stage(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        INCUBATING = "incubating", _("Incubating")
        GRADUATED = "graduated", _("Graduated")
        EXITED = "exited", _("Exited")

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
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.SOCIAL_SERVICE
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PREPARING,
    )
    service_areas = models.ManyToManyField(
        ServiceArea, verbose_name=_("service areas"), blank=True, related_name="organisations"
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    contact_email = models.EmailField(_("contact email"))
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT
    )
    hub = models.ForeignKey(
        "incubator.Hub",
        verbose_name=_("hub"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        permissions = [
            ("manage_organisation", _("Can manage the organisation's profile, members and files")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="organisation_credit_code_unique",
            ),
        ]
        # The hubs' organisations counted by stage (the admin home) read this index alone.
        indexes = [models.Index(fields=["hub", "stage"], name="organisation_hub_stage")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.credit_code = normalise_uscc(self.credit_code)
        if (
            self.credit_code
            and Organisation.objects.exclude(pk=self.pk)
            .filter(credit_code=self.credit_code)
            .exists()
        ):
            raise ValidationError(
                {"credit_code": _("Another organisation is already registered with this code.")},
                code="credit_code_taken",
            )

    def display_name(self) -> str:
        """The name in the active language, falling back to the Chinese name."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class OrganisationMembership(models.Model):
    """A person's place in one organisation: its admin or a member. A user belongs to at most
    one organisation at a time; an ended membership stays as history."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        ordering = ["organisation", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_live_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"

    @property
    def is_live(self) -> bool:
        return self.ended_at is None
