"""Care vouchers (养老服务补贴): public money that follows a resident. A configured scheme says
who receives how much a month (age bands) and for how long a month's credit stays valid; each
resident enrolled by a community worker or the bureau holds an account whose ledger of
immutable entries is the only truth about the money. The account's ``balance`` column is the
sum of its entries, kept in the same transaction as each entry and never below zero (a database
constraint and conditional updates); ``manage.py check_voucher_ledger`` proves the two agree."""

import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from incubator.kernel.people import full_name
from incubator.kernel.services.dates import add_months
from incubator.kernel.validators import validate_phone_cn

POSITIVE = [MinValueValidator(Decimal("0.01"))]


def _money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Community(ClusterableModel):
    """A community (社区) or village (村) of a town or subdistrict: where residents live and the
    scope of a community worker."""

    town = models.CharField(_("town or subdistrict"), max_length=60)
    name = models.CharField(_("community"), max_length=60)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["town", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="community_name_per_town")
        ]

    def __str__(self) -> str:
        return f"{self.town}{self.name}"


class CommunityWorker(models.Model):
    """A community worker's assignment to one community: whom they may enrol and see."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="community_assignments",
    )
    community = ParentalKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="workers",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("community worker")
        verbose_name_plural = _("community workers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community"], name="one_assignment_per_community"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.community}"


class CreditValidity(models.TextChoices):
    """How long a month's credit may be spent."""

    END_OF_YEAR = "end_of_year", _("Until the end of the year it is credited in")
    MONTHS = "months", _("A number of months from the month it is credited for")


class FirstMonth(models.TextChoices):
    """From which month a resident who reaches an age band's threshold is credited."""

    BIRTHDAY_MONTH = "birthday_month", _("The month of the birthday")
    NEXT_MONTH = "next_month", _("The month after the birthday")


class VoucherScheme(ClusterableModel):
    """The care-voucher scheme as configured, not coded: its age bands and monthly amounts,
    the services vouchers pay for, how long a month's credit stays valid and from which month
    a resident reaching an age is credited. Vouchers are never cash and never transferable:
    they are spent only on eligible services at sites that accept them."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("first month credited"))
    ends_on = models.DateField(_("last month credited"), null=True, blank=True)
    validity = models.CharField(
        _("a month's credit is valid"),
        max_length=20,
        choices=CreditValidity.choices,
        default=CreditValidity.END_OF_YEAR,
    )
    validity_months = models.PositiveSmallIntegerField(
        _("months valid"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Only when credit is valid for a number of months."),
    )
    first_month = models.CharField(
        _("first month after reaching an age"),
        max_length=20,
        choices=FirstMonth.choices,
        default=FirstMonth.BIRTHDAY_MONTH,
    )
    eligible_service_types = models.JSONField(
        _("services vouchers pay for"),
        default=list,
        blank=True,
        help_text=_(
            "Service types of the sites' price lists that residents may pay with vouchers."
        ),
    )
    active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("care-voucher scheme")
        verbose_name_plural = _("care-voucher schemes")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_voucher_scheme_in_force"
            ),
            models.CheckConstraint(
                condition=~Q(validity="months") | Q(validity_months__isnull=False),
                name="voucher_months_valid_when_counted",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="voucher_scheme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.validity == CreditValidity.MONTHS and not self.validity_months:
            raise ValidationError(
                {"validity_months": _("Say for how many months a month's credit stays valid.")}
            )
        if self.starts_on and self.starts_on.day != 1:
            self.starts_on = self.starts_on.replace(day=1)

    def expires_on(self, month: date) -> date:
        """The last day on which credit for ``month`` can be spent."""
        if self.validity == CreditValidity.MONTHS and self.validity_months:
            return add_months(month.replace(day=1), self.validity_months) - timedelta(days=1)
        return date(month.year, 12, 31)


class AgeBand(models.Model):
    """A monthly amount for residents of at least ``min_age`` years (the highest band reached
    applies: e.g. 80 and over ¥80, 90 and over ¥100, 100 and over ¥200)."""

    scheme = ParentalKey(
        VoucherScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="bands"
    )
    min_age = models.PositiveSmallIntegerField(
        _("from the age of"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    monthly_amount = _money(_("monthly amount (RMB)"), validators=POSITIVE)

    class Meta:
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["scheme", "min_age"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "min_age"], name="one_band_per_age"),
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="band_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.min_age}+ ¥{self.monthly_amount}"


# Card numbers: 12 digits, the last a Luhn check digit (a mistyped digit is caught at once).
CARD_DIGITS = 12


def luhn_check_digit(digits: str) -> str:
    """The Luhn check digit that completes ``digits``."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def new_card_number() -> str:
    """A fresh random card number (uniqueness is the database's to enforce)."""
    body = str(secrets.randbelow(9 * 10 ** (CARD_DIGITS - 2)) + 10 ** (CARD_DIGITS - 2))
    return body + luhn_check_digit(body)


def card_number_valid(number: str) -> bool:
    """Whether ``number`` has the shape of a card number with a right check digit."""
    return (
        len(number) == CARD_DIGITS
        and number.isdigit()
        and luhn_check_digit(number[:-1]) == number[-1]
    )


class ResidentStatus(models.TextChoices):
    """Whether a holder's account is credited: closed (dated) on a death or a move away."""

    ACTIVE = "active", pgettext_lazy("resident", "Active")
    DECEASED = "deceased", pgettext_lazy("resident", "Deceased")
    MOVED_AWAY = "moved_away", pgettext_lazy("resident", "Moved away")


class Resident(models.Model):
    """A resident holding a care-voucher account. The citizen identity number is sensitive
    personal information: stored encrypted (``citizen_id_token``), found by its keyed digest,
    shown masked; every full view is audited (services only). ``balance`` is the sum of the
    ledger's entries, kept by the services; it never goes below zero."""

    family_name = models.CharField(_("family name"), max_length=40)
    given_name = models.CharField(_("given name"), max_length=40)
    citizen_id_token = models.TextField(_("citizen identity number (encrypted)"), editable=False)
    citizen_id_digest = models.CharField(max_length=64, unique=True, editable=False)
    citizen_id_masked = models.CharField(
        _("citizen identity number"), max_length=18, editable=False
    )
    birth_date = models.DateField(_("date of birth"), editable=False)
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="residents"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone_cn]
    )
    guardian_name = models.CharField(_("guardian or family contact"), max_length=80, blank=True)
    guardian_relation = models.CharField(_("relation"), max_length=40, blank=True)
    guardian_phone = models.CharField(
        _("guardian's phone"), max_length=30, blank=True, validators=[validate_phone_cn]
    )
    card_number = models.CharField(
        _("card number"),
        max_length=CARD_DIGITS,
        unique=True,
        default=new_card_number,
        editable=False,
    )
    pin_digest = models.CharField(max_length=64, editable=False)
    balance = _money(_("balance (RMB)"), default=Decimal("0.00"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ResidentStatus.choices, default=ResidentStatus.ACTIVE
    )
    status_on = models.DateField(_("since"), null=True, blank=True)
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    purpose_explained = models.BooleanField(
        _("purpose explained"),
        default=False,
        help_text=_(
            "The resident (or guardian) was told that the identity number is collected only to "
            "pay care vouchers and agreed."
        ),
    )

    class Meta:
        verbose_name = _("voucher holder")
        verbose_name_plural = _("voucher holders")
        permissions = [("reveal_citizen_id", "Can see a holder's full identity number")]
        ordering = ["community", "family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="voucher_balance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status="active", status_on__isnull=True)
                | (~Q(status="active") & Q(status_on__isnull=False)),
                name="resident_status_dated",
            ),
            models.CheckConstraint(
                condition=Q(purpose_explained=True), name="resident_purpose_explained"
            ),
        ]
        indexes = [models.Index(fields=["community", "status"], name="resident_community_status")]

    def __str__(self) -> str:
        return self.name

    def _name(self) -> str:
        """Family name first, as Chinese names are written."""
        return full_name(self.given_name, self.family_name)

    _name.short_description = _("name")
    name = property(_name)


class EntryKind(models.TextChoices):
    """What a ledger entry records; the sign of its amount follows from it."""

    CREDIT = "credit", pgettext_lazy("ledger", "Monthly credit")
    DEBIT = "debit", pgettext_lazy("ledger", "Service paid")
    REVERSAL = "reversal", pgettext_lazy("ledger", "Payment reversed")
    EXPIRY = "expiry", pgettext_lazy("ledger", "Credit expired")
    # Credit that lapsed although a service recorded late, served while it was valid, should
    # have used it (``subsidies.services.expiry.expiry_restore``).
    RESTORED = "restored", pgettext_lazy("ledger", "Expired credit restored")


class LedgerEntryQuerySet(models.QuerySet):
    """Entries are written once: no bulk update or delete through the ORM."""

    def update(self, **kwargs):
        raise TypeError("Ledger entries are immutable.")

    def delete(self):
        raise TypeError("Ledger entries are immutable.")


class LedgerEntry(models.Model):
    """One immutable movement on a resident's account: a month's credit (positive, once per
    resident and month), a service paid (negative), a reversal of one (positive) or credit that
    expired unspent (negative). A mistake is corrected by a new entry, never by an edit; the
    database refuses updates (a trigger) and the ORM refuses deletes."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("voucher holder"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = _money(_("amount (RMB)"))
    month = models.DateField(_("month"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    scheme = models.ForeignKey(
        VoucherScheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["resident", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "month"],
                condition=Q(kind="credit"),
                name="one_credit_per_resident_and_month",
            ),
            models.CheckConstraint(
                condition=(Q(kind__in=["credit", "reversal", "restored"]) & Q(amount__gt=0))
                | (Q(kind__in=["debit", "expiry"]) & Q(amount__lt=0)),
                name="ledger_amount_sign_by_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="credit")
                | Q(month__isnull=False, expires_on__isnull=False, scheme__isnull=False),
                name="credit_has_month_and_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("Ledger entries are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Ledger entries are immutable.")


class CreditRun(models.Model):
    """The monthly credit run of a scheme: one row per month, resumable (it remembers the last
    resident it reached) and idempotent (a resident's credit for a month is unique)."""

    scheme = models.ForeignKey(
        VoucherScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="runs"
    )
    month = models.DateField(_("month"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_resident_id = models.BigIntegerField(default=0, editable=False)
    residents_credited = models.PositiveIntegerField(_("residents credited"), default=0)
    amount_credited = _money(_("amount credited (RMB)"), default=Decimal("0.00"))

    class Meta:
        verbose_name = _("credit run")
        verbose_name_plural = _("credit runs")
        # Runs are started through the service only, never added as rows by a form.
        permissions = [("run_creditrun", "Can start a month's credit run")]
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "month"], name="one_credit_run_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.month:%Y-%m}"
