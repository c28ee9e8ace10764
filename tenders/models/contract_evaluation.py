"""Independent evaluation of a contract: the bureau grants a third-party evaluation
organisation's evaluator access to one contract for a fixed period; the evaluator declares
conflicts of interest with the provider before reading anything, and submits one report."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to

from .delivery import Grade
from .evaluation import ConflictGround


class ContractEvaluatorGrant(models.Model):
    """Access to one contract for one evaluator, from ``starts_on`` to the end of ``ends_on``
    (China Standard Time). It gives nothing once revoked, or once the evaluator declared a
    conflict with the provider; only a declaration of no conflict opens the reports."""

    # Never listed in the page's "usage": it would name the contract's evaluators.
    wagtail_reference_index_ignore = True

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="evaluator_grants",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="contract_evaluator_grants",
    )
    evaluating_organisation = models.CharField(
        _("evaluation organisation"),
        max_length=200,
        help_text=_("The third-party evaluation firm the evaluator works for."),
    )
    starts_on = models.DateField(_("access from"))
    ends_on = models.DateField(
        _("access until"), help_text=_("Access ends at midnight China Standard Time that day.")
    )
    granted_at = models.DateTimeField(_("granted at"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    conflict = models.CharField(
        _("conflict"), max_length=30, choices=ConflictGround.choices, blank=True
    )
    conflict_details = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("contract evaluator's access")
        verbose_name_plural = _("contract evaluators' access")
        ordering = ["-granted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="contract_evaluator_grant_period_in_order",
            ),
            # One grant at a time per evaluator and contract: revoke before granting again
            # (a grant that ended is closed by revoking it too, or left as it is).
            models.UniqueConstraint(
                fields=["contract", "evaluator"],
                condition=Q(revoked_at__isnull=True, conflict__in=["", "none"]),
                name="contract_evaluator_grant_one_open",
            ),
            models.CheckConstraint(
                condition=Q(declared_at__isnull=True, conflict="")
                | Q(declared_at__isnull=False) & ~Q(conflict=""),
                name="contract_evaluator_grant_declaration_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.evaluator}"

    @property
    def conflicted(self) -> bool:
        return self.declared_at is not None and self.conflict != ConflictGround.NONE

    def is_active(self, today) -> bool:
        """Whether the grant opens its contract on ``today`` (a date in China Standard Time)."""
        return (
            self.revoked_at is None
            and not self.conflicted
            and self.starts_on <= today <= self.ends_on
        )


class ContractEvaluationReport(models.Model):
    """The evaluator's report on the contract: findings, a recommended grade and a score;
    submitted once, before the access ends."""

    wagtail_reference_index_ignore = True

    grant = models.OneToOneField(
        ContractEvaluatorGrant,
        verbose_name=_("access"),
        on_delete=models.PROTECT,
        related_name="report",
    )
    findings = models.TextField(_("findings"))
    recommended_grade = models.CharField(
        _("recommended grade"), max_length=20, choices=Grade.choices
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    file = PrivateFileField(
        _("report file"), upload_to=private_upload_to("contract-evaluations"), blank=True
    )
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="contract_evaluation_report_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.grant)
