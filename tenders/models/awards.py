"""The award decision, its notice and challenge period in working days, challenges, the
contract, and the calendar of holidays and make-up working days."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tenders.choices import ReportingFrequency


class CalendarDay(models.Model):
    """The bureau's override of one day of the ``holidays`` package's calendar: a day off or
    a working day that the State Council's notice (or a local decision) says and the package
    does not."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        WORKING_DAY = "working_day", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=60, blank=True, help_text=_("E.g. Spring Festival.")
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class TenderAward(models.Model):
    """The bureau's decision to award a tender to one bid. It is public at once; it becomes
    final when the notice period and the challenge window have passed without a challenge."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Notice and challenge period")
        CHALLENGED = "challenged", _("Challenged")
        FINAL = "final", _("Final")
        SET_ASIDE = "set_aside", _("Set aside")

    ALLOWED_MOVES = {
        Status.PENDING: {Status.CHALLENGED, Status.FINAL},
        Status.CHALLENGED: {Status.PENDING, Status.SET_ASIDE},
        Status.FINAL: set(),
        Status.SET_ASIDE: set(),
    }

    tender = models.ForeignKey(
        "tenders.Tender",
        verbose_name=_("tender"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    bid = models.ForeignKey(
        "tenders.TenderBid", verbose_name=_("bid"), on_delete=models.PROTECT, related_name="awards"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    amount = models.DecimalField(_("contract value (RMB)"), max_digits=12, decimal_places=2)
    rationale = models.TextField(_("rationale"))
    contract_starts_on = models.DateField(_("contract starts on"))
    contract_months = models.PositiveSmallIntegerField(_("contract months"))
    long_contract_reason = models.TextField(_("reason for a contract over 12 months"), blank=True)
    not_top_ranked_reason = models.TextField(
        _("reason for choosing a bid other than the top-ranked one"),
        blank=True,
        help_text=_("Required when the winning bid is not ranked first by the evaluation."),
    )
    deliverables = models.TextField(_("deliverables"))
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notice_ends_on = models.DateField(_("notice period ends on"))
    challenge_ends_on = models.DateField(_("challenge window ends on"))
    finalised_at = models.DateTimeField(_("final since"), null=True, blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender"],
                condition=~Q(status="set_aside"),
                name="tender_award_one_standing_per_tender",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tender_award_amount_positive"),
            models.CheckConstraint(
                condition=Q(challenge_ends_on__gte=F("notice_ends_on")),
                name="tender_award_challenge_after_notice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender.reference} → {self.bid.organisation}"


class AwardChallenge(models.Model):
    """A challenge (质疑) to an award, recorded by the bureau; it stops the award becoming
    final until it is resolved."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    award = models.ForeignKey(
        TenderAward, verbose_name=_("award"), on_delete=models.CASCADE, related_name="challenges"
    )
    challenger = models.CharField(_("challenger"), max_length=200)
    grounds = models.TextField(_("grounds"))
    received_on = models.DateField(_("received on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The bureau answers a challenge within 7 working days of receiving it (Reg. Art. 52).
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return self.challenger


class Contract(models.Model):
    """The service contract that follows a final award."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    award = models.OneToOneField(
        TenderAward, verbose_name=_("award"), on_delete=models.PROTECT, related_name="contract"
    )
    tender = models.ForeignKey(
        "tenders.Tender",
        verbose_name=_("tender"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="tender_contracts",
    )
    value = models.DecimalField(_("value (RMB)"), max_digits=12, decimal_places=2)
    # The value awarded; amendments move ``value`` at most 10 % away from it (GPL Art. 49).
    original_value = models.DecimalField(_("original value (RMB)"), max_digits=12, decimal_places=2)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signing recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    deliverables = models.TextField(_("deliverables"))
    long_contract_reason = models.TextField(_("reason for a contract over 12 months"), blank=True)
    # What the contract has paid in all (``tenders.models.payments``): never above ``value``.
    paid_total = models.DecimalField(
        _("paid (RMB)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Contract delivery (``tenders.models.delivery``): set with the KPIs, blank until then.
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=20,
        blank=True,
        choices=ReportingFrequency.choices,
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="contract_value_positive"),
            models.CheckConstraint(
                condition=Q(starts_on__lt=F("ends_on")), name="contract_starts_before_end"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(signed_on__isnull=False),
                name="contract_published_only_once_signed",
            ),
            models.CheckConstraint(
                condition=Q(paid_total__gte=0) & Q(paid_total__lte=F("value")),
                name="contract_paid_within_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender.reference} · {self.organisation}"

    def save(self, *args, **kwargs):
        # A new contract's original value is the value it is made with (no side effect: a
        # default that needs the other field).
        if self.original_value is None:
            self.original_value = self.value
        super().save(*args, **kwargs)
