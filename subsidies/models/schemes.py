from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.kernel.services.dates import add_months
from incubator.models import Organisation

RULES_LOCKED = _(
    "The rules of %(scheme)s were locked on its first approval, so that every applicant is "
    "judged by the same rules: %(fields)s cannot change now."
)
ENVELOPE_BELOW_APPROVED = _(
    "The envelope cannot be less than the ¥%(approved)s already approved in this scheme."
)
BAD_WINDOW = _("The application window must close after it opens.")
BAD_STAGES = _("Choose at least one stage.")


class Qualification(models.TextChoices):
    """A staff member's social-work certification, which raises the monthly cap."""

    NONE = "none", pgettext_lazy("qualification", "None")
    ASSISTANT_SOCIAL_WORKER = "assistant", _("Assistant social worker (助理社会工作师)")
    SOCIAL_WORKER = "social_worker", _("Social worker (社会工作师)")
    SENIOR_SOCIAL_WORKER = "senior", _("Senior social worker (高级社会工作师)")


def _default_stages() -> list[str]:
    return [Organisation.Stage.INCUBATING.value]


def _money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


POSITIVE = [MinValueValidator(Decimal("0.01"))]

# Fields that decide how much an application is worth or who may apply. They lock on the
# first approval of the scheme (``rules_locked_at``); the name, window and envelope do not.
RULE_FIELDS = [
    "period_starts_on",
    "period_months",
    "share",
    "monthly_cap",
    "cap_assistant_social_worker",
    "cap_social_worker",
    "cap_senior_social_worker",
    "max_months",
    "max_lines",
    "eligible_stages",
]
# The hubs are a rule too, but many-to-many: forms check them (see subsidies.forms).
RULE_M2M_FIELDS = ["hubs"]

# Columns only services write, with conditional updates: a form or a stale instance must
# never write them back.
SERVICE_FIELDS = ["approved_total", "disbursed_total", "rules_locked_at"]


class Scheme(models.Model):
    """A staff-cost subsidy scheme: a budget envelope in RMB for a covered period, an application
    window, and the rules that turn staff lines into an eligible amount. ``approved_total`` and
    ``disbursed_total`` are kept by the services, in the same transaction as each decision."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    envelope = _money(
        _("envelope (RMB)"),
        validators=POSITIVE,
        help_text=_("The fixed budget: approvals together never exceed it."),
    )
    approved_total = _money(_("approved (RMB)"), default=Decimal("0.00"), editable=False)
    disbursed_total = _money(_("disbursed (RMB)"), default=Decimal("0.00"), editable=False)
    opens_at = models.DateTimeField(
        _("applications open at"), help_text=_("China Standard Time (Asia/Shanghai).")
    )
    closes_at = models.DateTimeField(
        _("applications close at"),
        help_text=_("China Standard Time (Asia/Shanghai). Submissions after this are refused."),
    )
    period_starts_on = models.DateField(
        _("covered period starts on"), help_text=_("The first day of the salaries subsidised.")
    )
    period_months = models.PositiveSmallIntegerField(
        _("covered period (months)"), validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    share = models.DecimalField(
        _("share of salary"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("The part of a monthly salary subsidised, e.g. 0.50 for half."),
    )
    monthly_cap = _money(
        _("monthly cap per staff member (RMB)"),
        default=Decimal("3000.00"),
        validators=POSITIVE,
        help_text=_("For staff without a social-work certificate."),
    )
    cap_assistant_social_worker = _money(
        _("monthly cap, assistant social worker (RMB)"),
        default=Decimal("3500.00"),
        validators=POSITIVE,
        help_text=_("For holders of the 助理社会工作师 certificate."),
    )
    cap_social_worker = _money(
        _("monthly cap, social worker (RMB)"),
        default=Decimal("4000.00"),
        validators=POSITIVE,
        help_text=_("For holders of the 社会工作师 certificate."),
    )
    cap_senior_social_worker = _money(
        _("monthly cap, senior social worker (RMB)"),
        default=Decimal("5000.00"),
        validators=POSITIVE,
        help_text=_("For holders of the 高级社会工作师 certificate."),
    )
    max_months = models.PositiveSmallIntegerField(
        _("maximum months per staff member"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    max_lines = models.PositiveSmallIntegerField(
        _("maximum staff per organisation"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    eligible_stages = models.JSONField(
        _("eligible stages"),
        default=_default_stages,
        help_text=_("Organisations at these stages may apply."),
    )
    hubs = models.ManyToManyField(
        "incubator.Hub",
        verbose_name=_("hubs"),
        blank=True,
        related_name="subsidy_schemes",
        help_text=_("Leave empty for organisations of every hub."),
    )
    rules_locked_at = models.DateTimeField(
        _("rules locked at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")
        ordering = ["-year", "-opens_at", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_total__gte=0), name="scheme_approved_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_total__lte=F("envelope")),
                name="scheme_approved_within_envelope",
            ),
            models.CheckConstraint(
                condition=Q(disbursed_total__gte=0), name="scheme_disbursed_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(disbursed_total__lte=F("approved_total")),
                name="scheme_disbursed_within_approved",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="scheme_window_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=1), name="scheme_share_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Saving an existing scheme from a form must never write back totals it read earlier:
        # a concurrent approval may have changed them since.
        if self.pk and kwargs.get("update_fields") is None and not self._state.adding:
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in SERVICE_FIELDS
            ]
        super().save(*args, **kwargs)

    @property
    def available(self) -> Decimal:
        """What is left in the envelope for approvals."""
        return self.envelope - self.approved_total

    @property
    def period_ends_on(self) -> date:
        """The last day of the covered period."""
        return add_months(self.period_starts_on, self.period_months) - _ONE_DAY

    def cap_for(self, qualification: str) -> Decimal:
        """The monthly cap for a staff member with ``qualification``."""
        return {
            Qualification.NONE: self.monthly_cap,
            Qualification.ASSISTANT_SOCIAL_WORKER: self.cap_assistant_social_worker,
            Qualification.SOCIAL_WORKER: self.cap_social_worker,
            Qualification.SENIOR_SOCIAL_WORKER: self.cap_senior_social_worker,
        }[qualification]

    def is_open(self, now) -> bool:
        """Whether submissions are accepted at ``now``."""
        return self.opens_at <= now < self.closes_at

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = BAD_WINDOW
        stages = self.eligible_stages
        if (
            not isinstance(stages, list)
            or not stages
            or not set(stages) <= set(Organisation.Stage.values)
        ):
            errors["eligible_stages"] = BAD_STAGES
        if self.pk:
            stored = Scheme.objects.filter(pk=self.pk).values(*RULE_FIELDS, "approved_total")
            stored = stored.first()
            if stored is not None:
                locked = Scheme.objects.filter(pk=self.pk, rules_locked_at__isnull=False).exists()
                changed = [name for name in RULE_FIELDS if getattr(self, name) != stored[name]]
                if locked and changed:
                    errors[NON_FIELD] = self.rules_locked_error(changed)
                if self.envelope is not None and self.envelope < stored["approved_total"]:
                    errors["envelope"] = ENVELOPE_BELOW_APPROVED % {
                        "approved": f"{stored['approved_total']:,.2f}"
                    }
        if errors:
            raise ValidationError(errors)

    def rules_locked_error(self, changed: list[str]) -> str:
        """The message refusing a change of the locked rule fields ``changed``."""
        labels = ", ".join(str(self._meta.get_field(name).verbose_name) for name in changed)
        return RULES_LOCKED % {"scheme": self.name, "fields": labels}


NON_FIELD = "__all__"
_ONE_DAY = date.resolution
