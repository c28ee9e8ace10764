"""Anomalies of care vouchers (异常核销): what the bureau's oversight flags for a person to look
at, raised by the system (``subsidies.services.anomalies``) and resolved by a bureau officer
with an outcome and a note. A flag is raised once per kind and subject (``subject``), so running
the detection again raises nothing twice. What a flag says is rebuilt from the evidence kept
with it (``evidence``), in the reader's language and on the China Standard Time clock."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .redemptions import Redemption
from .vouchers import Resident, ResidentStatus


class AnomalyKind(models.TextChoices):
    """What the detection found."""

    OVERLAP = "overlap", _("Overlapping services")
    SITE_CLOSED = "site_closed", _("Service while the site is closed")
    AFTER_CLOSURE = "after_closure", _("Service after death or departure")
    PROVIDER_SHARE = "provider_share", _("Provider's unusual share of a resident's spend")


class AnomalyOutcome(models.TextChoices):
    """How the bureau resolved a flag."""

    CONFIRMED_VALID = "confirmed_valid", _("Confirmed valid")
    CORRECTED = "corrected", _("Corrected (service reversed or claim adjusted)")
    REFERRED = "referred", _("Referred for investigation")


def _clock(value: str) -> str:
    return date_format(timezone.localtime(datetime.fromisoformat(value)), "Y-m-d H:i")


class VoucherAnomaly(models.Model):
    """A flag on redemptions for the bureau: its kind, the redemption(s), resident, provider and
    month it concerns, the evidence found, and how and by whom it was resolved."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("anomaly", "Open")
        RESOLVED = "resolved", pgettext_lazy("anomaly", "Resolved")

    kind = models.CharField(_("kind"), max_length=20, choices=AnomalyKind.choices)
    subject = models.CharField(
        _("subject"),
        max_length=80,
        editable=False,
        help_text=_("What the flag is about, so that each is raised once."),
    )
    redemption = models.ForeignKey(
        Redemption,
        verbose_name=_("voucher redemption"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anomalies",
    )
    other_redemption = models.ForeignKey(
        Redemption,
        verbose_name=_("overlapping redemption"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("voucher holder"),
        on_delete=models.PROTECT,
        related_name="anomalies",
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voucher_anomalies",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month concerned."))
    raised_at = models.DateTimeField(_("raised at"))
    evidence = models.JSONField(_("evidence"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AnomalyOutcome.choices, blank=True
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voucher anomaly")
        verbose_name_plural = _("voucher anomalies")
        ordering = ["-raised_at", "-pk"]
        permissions = [("resolve_voucheranomaly", _("Can resolve care-voucher anomalies"))]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject"], name="one_anomaly_per_subject"),
            models.CheckConstraint(
                condition=Q(kind__in=AnomalyKind.values), name="anomaly_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", outcome="", resolved_at__isnull=True)
                | (
                    Q(status="resolved", resolved_at__isnull=False)
                    & Q(outcome__in=AnomalyOutcome.values)
                    & ~Q(resolution_note="")
                ),
                name="anomaly_resolved_has_outcome_and_note",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "raised_at"], name="anomaly_status_raised"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.month:%Y-%m}"

    def _details(self) -> str:
        """What was found, in the reader's language, times on the China Standard Time clock."""
        found = self.evidence or {}
        try:
            if self.kind == AnomalyKind.OVERLAP:
                return gettext(
                    "%(service)s at %(site)s from %(start)s to %(end)s overlaps %(other_service)s "
                    "at %(other_site)s from %(other_start)s to %(other_end)s."
                ) % {
                    "service": found["service"],
                    "site": found["site"],
                    "start": _clock(found["served_at"]),
                    "end": _clock(found["ends_at"]),
                    "other_service": found["other_service"],
                    "other_site": found["other_site"],
                    "other_start": _clock(found["other_served_at"]),
                    "other_end": _clock(found["other_ends_at"]),
                }
            if self.kind == AnomalyKind.SITE_CLOSED:
                return gettext(
                    "%(service)s was recorded at %(site)s at %(start)s, when the site is closed "
                    "by its opening hours or for a public holiday."
                ) % {
                    "service": found["service"],
                    "site": found["site"],
                    "start": _clock(found["served_at"]),
                }
            if self.kind == AnomalyKind.AFTER_CLOSURE:
                return gettext(
                    "%(service)s at %(site)s was served at %(start)s, on or after the day the "
                    "holder was recorded as %(status)s (%(since)s)."
                ) % {
                    "service": found["service"],
                    "site": found["site"],
                    "start": _clock(found["served_at"]),
                    "status": ResidentStatus(found["status"]).label,
                    "since": date_format(date.fromisoformat(found["since"]), "DATE_FORMAT"),
                }
            if self.kind == AnomalyKind.PROVIDER_SHARE:
                return gettext(
                    "In %(month)s the provider took ¥%(spent)s of the ¥%(total)s the holder "
                    "spent (%(share)s%%), at least the month's credit of ¥%(credit)s."
                ) % {
                    "month": date_format(self.month, "YEAR_MONTH_FORMAT"),
                    "spent": f"{Decimal(found['spent']):,.2f}",
                    "total": f"{Decimal(found['total']):,.2f}",
                    "share": found["share"],
                    "credit": f"{Decimal(found['credit']):,.2f}",
                }
        except (KeyError, TypeError, ValueError):
            pass
        return self.get_kind_display()

    _details.short_description = _("details")
    details = property(_details)
