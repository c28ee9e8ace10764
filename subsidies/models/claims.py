"""Claims (结算申请): a provider organisation asks the bureau to reimburse a month of care
vouchers redeemed at its sites. A claim is exactly its redemptions (each redemption is claimed
once); the bureau draws a random sample to verify with the residents, then approves or returns
the claim, and pays it with a settlement letter."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _actor(verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Claim(models.Model):
    """A provider's claim for one month of redemptions at its sites: the redemptions point at
    it (``redemptions``), ``total`` and ``redemption_count`` are their sum and count, kept by
    the services. At most one claim per organisation and month that was not returned."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("claim", "Submitted")
        SAMPLE_DRAWN = "sample_drawn", _("Sample drawn")
        RETURNED = "returned", pgettext_lazy("claim", "Returned")
        APPROVED = "approved", pgettext_lazy("claim", "Approved")
        PAID = "paid", pgettext_lazy("claim", "Paid")

    ALLOWED_MOVES = {
        Status.SUBMITTED: {Status.SAMPLE_DRAWN, Status.RETURNED},
        Status.SAMPLE_DRAWN: {Status.APPROVED, Status.RETURNED},
        Status.APPROVED: {Status.PAID},
        Status.RETURNED: set(),
        Status.PAID: set(),
    }

    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="voucher_claims",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month claimed."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    total = models.DecimalField(
        _("total (RMB)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    redemption_count = models.PositiveIntegerField(_("services"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = _actor(_("submitted by"))
    sample_drawn_at = models.DateTimeField(_("sample drawn at"), null=True, blank=True)
    sample_drawn_by = _actor(_("sample drawn by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = _actor(_("decided by"))
    return_reason = models.TextField(_("reason for returning"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    paid_at = models.DateTimeField(_("payment recorded at"), null=True, blank=True)
    paid_by = _actor(_("payment recorded by"))
    settlement_letter = models.ForeignKey(
        "incubator.Letter",
        verbose_name=_("settlement letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voucher claim")
        verbose_name_plural = _("voucher claims")
        ordering = ["-month", "-pk"]
        permissions = [
            ("decide_claim", _("Can check, approve, return and pay care-voucher claims")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"],
                condition=~Q(status="returned"),
                name="one_live_claim_per_provider_month",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="claim_total_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="claim_paid_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "month"], name="claim_status_month")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.month:%Y-%m}"


class SampleOutcome(models.TextChoices):
    """What the bureau found when it checked a sampled redemption."""

    PENDING = "pending", _("Not checked yet")
    CONFIRMED = "confirmed", _("Confirmed")
    PROBLEM = "problem", _("Problem found")


class ClaimSampleItem(models.Model):
    """A redemption of a claim drawn at random for the bureau to verify (e.g. by phoning the
    resident), with what it found."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="sample"
    )
    redemption = models.ForeignKey(
        "subsidies.Redemption",
        verbose_name=_("voucher redemption"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=SampleOutcome.choices, default=SampleOutcome.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = _actor(_("checked by"))

    class Meta:
        verbose_name = _("sampled redemption")
        verbose_name_plural = _("sampled redemptions")
        ordering = ["claim", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "redemption"], name="claim_sample_redemption_once"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=SampleOutcome.values), name="claim_sample_outcome_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim} · {self.redemption_id}"
