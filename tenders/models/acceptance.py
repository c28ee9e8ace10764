"""Acceptance (验收) of a contract's service: at the points the contract names and at its end,
a written record against each standard, with the service users who took part named (or
counted, when they ask not to be named), signed off by the bureau, issued as a letter and
published on the tender's public page (Implementing Regulation of the Government Procurement
Law, Art. 45)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AcceptanceKind(models.TextChoices):
    """At which point of the contract the service is accepted."""

    INTERIM = "interim", pgettext_lazy("acceptance kind", "Interim acceptance")
    FINAL = "final", pgettext_lazy("acceptance kind", "Final acceptance")


class AcceptanceConclusion(models.TextChoices):
    """The acceptance's overall finding (合格 / 基本合格 / 不合格)."""

    PASSED = "passed", pgettext_lazy("acceptance conclusion", "Passed")
    PASSED_WITH_CONDITIONS = (
        "conditional",
        pgettext_lazy("acceptance conclusion", "Passed with conditions"),
    )
    FAILED = "failed", pgettext_lazy("acceptance conclusion", "Failed")


class StandardResult(models.TextChoices):
    """How the service measured up to one standard."""

    MET = "met", pgettext_lazy("acceptance standard", "Met")
    PARTLY_MET = "partly", pgettext_lazy("acceptance standard", "Partly met")
    NOT_MET = "not_met", pgettext_lazy("acceptance standard", "Not met")


class ContractAcceptance(models.Model):
    """One acceptance of a contract's service, numbered 1, 2, … per contract: recorded as a
    draft, signed off by a bureau officer (which fixes it and issues its letter), then
    published on the tender's public page."""

    # Never listed in the page's "usage": it would name the contract's organisation.
    wagtail_reference_index_ignore = True

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=AcceptanceKind.choices)
    held_on = models.DateField(_("held on"))
    period_starts_on = models.DateField(_("service accepted from"))
    period_ends_on = models.DateField(_("service accepted to"))
    conclusion = models.CharField(
        _("conclusion"), max_length=20, choices=AcceptanceConclusion.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    # Service users who took part: named with their consent, or only counted.
    participants_named = models.TextField(
        _("service users named"),
        blank=True,
        help_text=_("One per line: the residents who took part and agreed to be named."),
    )
    participants_unnamed = models.PositiveSmallIntegerField(
        _("service users not named"),
        default=0,
        help_text=_("How many more residents took part but asked not to be named."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_acceptance_one_per_number"
            ),
            # The service is accepted finally once per contract, whatever two officers do.
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(kind="final"),
                name="contract_acceptance_one_final",
            ),
            models.CheckConstraint(
                condition=Q(period_starts_on__lte=F("period_ends_on")),
                name="contract_acceptance_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | ~Q(conclusion=""),
                name="contract_acceptance_signed_has_conclusion",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(signed_off_at__isnull=False),
                name="contract_acceptance_published_only_once_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_kind_display()} {self.number}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def participant_names(self) -> list[str]:
        return [line.strip() for line in self.participants_named.splitlines() if line.strip()]

    @property
    def participant_count(self) -> int:
        return len(self.participant_names) + self.participants_unnamed


class ContractAcceptanceItem(models.Model):
    """The finding of an acceptance against one standard: a KPI of the contract, or another
    standard the contract names (a deliverable, a service norm)."""

    acceptance = models.ForeignKey(
        ContractAcceptance,
        verbose_name=_("acceptance"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    kpi = models.ForeignKey(
        "tenders.ContractKpi",
        verbose_name=_("KPI"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acceptance_items",
    )
    standard = models.CharField(_("standard"), max_length=200)
    result = models.CharField(_("result"), max_length=20, choices=StandardResult.choices)
    finding = models.TextField(_("finding"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("acceptance finding")
        verbose_name_plural = _("acceptance findings")
        ordering = ["acceptance", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_result_display()}"
