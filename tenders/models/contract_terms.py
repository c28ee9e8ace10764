"""What happens to a contract's terms after the award: its stage (awaiting signature, signed,
published) with the moves allowed between them, and its amendments (补充合同), numbered 1, 2, …
per contract, each moving the value by an amount that keeps it within 10 % of the original
(Government Procurement Law, Art. 49)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.money import format_rmb

# Government Procurement Law, Art. 49: supplementary contracts add at most 10 % of the value.
AMENDMENT_LIMIT = Decimal("0.10")


class ContractStage(models.TextChoices):
    """Where a contract stands in the bureau's own steps after the award."""

    UNSIGNED = "unsigned", _("Awaiting signature")
    SIGNED = "signed", _("Signed, not yet published")
    PUBLISHED = "published", _("Signed and published")


CONTRACT_MOVES = {
    ContractStage.UNSIGNED: {ContractStage.SIGNED},
    ContractStage.SIGNED: {ContractStage.PUBLISHED},
    ContractStage.PUBLISHED: set(),
}


def contract_stage(contract) -> ContractStage:
    """The stage of ``contract`` read from its milestones."""
    if contract.published_at is not None:
        return ContractStage.PUBLISHED
    if contract.signed_on is not None:
        return ContractStage.SIGNED
    return ContractStage.UNSIGNED


def signed_rmb(amount: Decimal) -> str:
    """An amount that may be negative, with its sign: +¥1,000.00, −¥1,000.00, ¥0.00."""
    if not amount:
        return format_rmb(abs(amount))
    return ("+" if amount > 0 else "−") + format_rmb(abs(amount))


class ContractAmendment(models.Model):
    """A supplementary agreement (补充协议) to a signed contract: a numbered change of its
    value (up, down or none) and optionally of its end date, with the reason for it."""

    wagtail_reference_index_ignore = True

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    number = models.PositiveIntegerField(_("number"))
    reason = models.TextField(_("reason"), help_text=_("Why the contract changes; published."))
    value_change = models.DecimalField(
        _("value change (RMB)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Negative for a reduction; zero when only the end date changes."),
    )
    value_after = models.DecimalField(_("value after (RMB)"), max_digits=12, decimal_places=2)
    ends_on = models.DateField(_("new end date"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_amendment_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="contract_amendment_number"),
            models.CheckConstraint(
                condition=Q(value_after__gt=0), name="contract_amendment_value_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.number}"

    @property
    def value_change_display(self) -> str:
        return signed_rmb(self.value_change)
