"""The contract's payment schedule: tranches, each released by one report of the provider
once the bureau accepts it, or by one acceptance (验收) once signed off and not failed. The
bureau then pays it within the days the contract names; what the contract has paid in all
(``Contract.paid_total``) never exceeds its value (a database constraint, moved only by a
conditional update)."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .acceptance import AcceptanceConclusion

PAY_WITHIN_DAYS = 15
PAY_WITHIN_DAYS_MAX = 90


class TrancheState(models.TextChoices):
    """Where a tranche stands, as the back office and the portal show it."""

    WAITING = "waiting", pgettext_lazy("tranche state", "Waiting")
    PAYABLE = "payable", pgettext_lazy("tranche state", "Payable")
    LATE = "late", pgettext_lazy("tranche state", "Payment late")
    PAID = "paid", pgettext_lazy("tranche state", "Paid")


class ContractTranche(models.Model):
    """One payment of a contract's schedule, numbered per contract, released by exactly one
    report or acceptance, paid once with the bureau's payment voucher number."""

    # Never listed in the page's "usage": it would name the contract's organisation.
    wagtail_reference_index_ignore = True

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="tranches",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(
        _("amount (RMB)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    report = models.ForeignKey(
        "tenders.ContractReport",
        verbose_name=_("released by report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tranches",
    )
    acceptance = models.ForeignKey(
        "tenders.ContractAcceptance",
        verbose_name=_("released by acceptance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tranches",
    )
    pay_within_days = models.PositiveSmallIntegerField(
        _("pay within (days)"),
        default=PAY_WITHIN_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(PAY_WITHIN_DAYS_MAX)],
        help_text=_("Calendar days after the report or acceptance is accepted."),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payment recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_reference = models.CharField(_("payment voucher number"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment tranche")
        verbose_name_plural = _("payment tranches")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_tranche_one_per_number"
            ),
            models.UniqueConstraint(fields=["report"], name="contract_tranche_one_per_report"),
            models.UniqueConstraint(
                fields=["acceptance"], name="contract_tranche_one_per_acceptance"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="contract_tranche_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(pay_within_days__gt=0), name="contract_tranche_term_positive"
            ),
            models.CheckConstraint(
                condition=(Q(report__isnull=False) & Q(acceptance__isnull=True))
                | (Q(report__isnull=True) & Q(acceptance__isnull=False)),
                name="contract_tranche_released_by_one",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | ~Q(paid_reference=""),
                name="contract_tranche_paid_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.number}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None

    @property
    def failed(self) -> bool:
        """Its acceptance was signed off as failed: it releases nothing."""
        acceptance = self.acceptance
        return (
            acceptance is not None
            and acceptance.signed_off_at is not None
            and acceptance.conclusion == AcceptanceConclusion.FAILED
        )

    @property
    def released_on(self) -> date | None:
        """The day (China Standard Time) its report was accepted or its acceptance signed off
        as passed; None while neither."""
        if self.report_id is not None:
            report = self.report
            if report.status == report.Status.ACCEPTED and report.decided_at is not None:
                return timezone.localdate(report.decided_at)
            return None
        if self.acceptance.signed_off_at is None or self.failed:
            return None
        return timezone.localdate(self.acceptance.signed_off_at)

    @property
    def due_on(self) -> date | None:
        released = self.released_on
        return released + timedelta(days=self.pay_within_days) if released else None

    def state(self, today: date | None = None) -> TrancheState:
        if self.is_paid:
            return TrancheState.PAID
        due = self.due_on
        if due is None:
            return TrancheState.WAITING
        return TrancheState.LATE if (today or timezone.localdate()) > due else TrancheState.PAYABLE
