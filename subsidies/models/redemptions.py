"""Redemptions (核销): a care voucher spent at a service site. The provider's staff record a
service of the site's voucher price list against a resident's card (card and PIN, or a signed
receipt photographed for a home visit); the amount leaves the resident's account as one debit
of the ledger, and the resident gets a receipt with a one-time feedback code. What was served,
for how much and for how long is copied at the time: a later change of the price list does not
rewrite a past service. A redemption is never edited; a mistake is reversed by a new entry."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.kernel.files import PrivateFileField, private_upload_to

from .vouchers import LedgerEntry, Resident

# A service longer than a day is recorded as several (a day-care day is 480 minutes).
DURATION_MAX_MINUTES = 24 * 60


class RedemptionMethod(models.TextChoices):
    """How the resident confirmed the service."""

    CARD_PIN = "card_pin", _("Card and PIN")
    SIGNED_RECEIPT = "signed_receipt", _("Signed receipt (home visit)")


class Redemption(models.Model):
    """One service paid with a care voucher at a site: the resident, the site and the service of
    its price list, what was copied from the price list at the time (type, name, unit, voucher
    price, quantity and amount), when it was served and for how long, how the resident
    confirmed it, the ledger's debit, who recorded it and the receipt's one-time feedback code."""

    resident = models.ForeignKey(
        Resident,
        verbose_name=_("voucher holder"),
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    site = models.ForeignKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.PROTECT,
        related_name="voucher_redemptions",
    )
    service = models.ForeignKey(
        "tenders.SiteService",
        verbose_name=pgettext_lazy("redemption", "service"),
        on_delete=models.PROTECT,
        related_name="voucher_redemptions",
    )
    service_type = models.CharField(_("type of service"), max_length=20)
    service_name = models.CharField(pgettext_lazy("redemption", "service"), max_length=80)
    unit = models.CharField(_("unit"), max_length=10)
    unit_price = models.DecimalField(_("voucher price (yuan)"), max_digits=10, decimal_places=2)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=6,
        decimal_places=2,
        default=1,
        help_text=_("Units paid: one, or the hours of a service priced per hour."),
    )
    amount = models.DecimalField(_("amount (RMB)"), max_digits=12, decimal_places=2)
    served_at = models.DateTimeField(_("served at"))
    duration_minutes = models.PositiveIntegerField(
        _("length (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(DURATION_MAX_MINUTES)],
    )
    ends_at = models.DateTimeField(
        _("served until"), help_text=_("The start and the length: what overlaps are checked on.")
    )
    method = models.CharField(_("confirmed by"), max_length=20, choices=RedemptionMethod.choices)
    receipt_photo = PrivateFileField(
        _("photo of the signed receipt"),
        upload_to=private_upload_to("voucher-receipts"),
        blank=True,
        help_text=_("For home visits: the receipt the resident or a family member signed."),
    )
    debit = models.OneToOneField(
        LedgerEntry,
        verbose_name=_("ledger entry"),
        on_delete=models.PROTECT,
        related_name="redemption",
    )
    feedback_code = models.OneToOneField(
        "tenders.FeedbackCode",
        verbose_name=_("feedback code"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The one-time code printed on the receipt, for a verified answer."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    claim = models.ForeignKey(
        "subsidies.Claim",
        verbose_name=_("claim"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redemptions",
        help_text=_("The provider's claim that includes this service: each is claimed once."),
    )

    class Meta:
        verbose_name = _("voucher redemption")
        verbose_name_plural = _("voucher redemptions")
        ordering = ["-served_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="redemption_amount_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gt=0, quantity__gt=0),
                name="redemption_price_and_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=DURATION_MAX_MINUTES),
                name="redemption_duration_in_range",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("served_at")), name="redemption_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(method__in=RedemptionMethod.values),
                name="redemption_method_valid",
            ),
            models.CheckConstraint(
                condition=~Q(method="signed_receipt") | ~Q(receipt_photo=""),
                name="redemption_signed_receipt_has_photo",
            ),
        ]
        indexes = [
            models.Index(fields=["resident", "served_at"], name="redemption_resident_time"),
            models.Index(fields=["site", "served_at"], name="redemption_site_time"),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ¥{self.amount}"
