"""What a service site offers residents: its weekly opening hours (several spans a day, such
as a morning and an afternoon) and its approved price list, each service with the price anyone
pays and, where the care voucher pays for it, the amount taken from a resident's balance."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey


class Weekday(models.IntegerChoices):
    """Days of the week as Python counts them (``date.weekday()``): Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


CLOSES_AFTER_OPENS = _("The closing time must come after the opening time.")
VOUCHER_WITHIN_PRICE = _(
    "The voucher price must be above zero and no more than the price; leave it empty if the "
    "voucher does not pay for this service."
)
PRICE_POSITIVE = _("The price must be above zero.")


class SiteOpeningHours(models.Model):
    """One span of a weekday when the site is open; a day may have several (8:00–11:30 and
    13:30–17:00), a day without any is a closed day."""

    site = ParentalKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=CLOSES_AFTER_OPENS,
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="opening_hours_weekday_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ServiceType(models.TextChoices):
    """The kinds of care service a site offers (and a voucher may pay for)."""

    DAY_CARE = "day_care", pgettext_lazy("service type", "Day-care attendance")
    MEALS = "meals", pgettext_lazy("service type", "Meals")
    HOME_CARE = "home_care", pgettext_lazy("service type", "Home-care visit")
    BATHING = "bathing", pgettext_lazy("service type", "Bathing")
    REHABILITATION = "rehabilitation", pgettext_lazy("service type", "Rehabilitation care")
    CLEANING = "cleaning", pgettext_lazy("service type", "Cleaning")
    HEALTH_CHECK = "health_check", pgettext_lazy("service type", "Health check")


class ServiceUnit(models.TextChoices):
    """What one price buys."""

    VISIT = "visit", pgettext_lazy("service unit", "per visit")
    HOUR = "hour", pgettext_lazy("service unit", "per hour")
    DAY = "day", pgettext_lazy("service unit", "per day")
    MEAL = "meal", pgettext_lazy("service unit", "per meal")


class SiteServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def payable_by_voucher(self):
        """Active services with a voucher price."""
        return self.active().filter(voucher_price__isnull=False)


class SiteService(models.Model):
    """One service of a site's approved price list: what anyone pays (``price``) and what a
    care voucher pays for it (``voucher_price``, taken from the resident's balance; empty when
    the voucher does not pay for it), per unit, with its usual length."""

    site = ParentalKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    service_type = models.CharField(
        _("type of service"), max_length=20, choices=ServiceType.choices
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("As residents know it, such as 午餐 or 上门助浴.")
    )
    unit = models.CharField(_("unit"), max_length=10, choices=ServiceUnit.choices)
    price = models.DecimalField(
        _("price (yuan)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("What anyone pays for one unit."),
    )
    voucher_price = models.DecimalField(
        _("voucher price (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "What is taken from a resident's care voucher balance for one unit; empty if the "
            "voucher does not pay for this service."
        ),
    )
    duration_minutes = models.PositiveIntegerField(
        _("usual length (minutes)"), help_text=_("How long one unit of the service usually takes.")
    )
    active = models.BooleanField(
        _("offered"), default=True, help_text=_("Untick to stop offering it and keep its record.")
    )

    objects = SiteServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service and price")
        verbose_name_plural = _("services and prices")
        ordering = ["service_type", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="site_service_name_unique"),
            models.CheckConstraint(
                condition=models.Q(price__gt=0),
                name="site_service_price_positive",
                violation_error_message=PRICE_POSITIVE,
            ),
            models.CheckConstraint(
                condition=models.Q(voucher_price__isnull=True)
                | models.Q(voucher_price__gt=0, voucher_price__lte=models.F("price")),
                name="site_service_voucher_within_price",
                violation_error_message=VOUCHER_WITHIN_PRICE,
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="site_service_duration_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(service_type__in=ServiceType.values),
                name="site_service_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=ServiceUnit.values), name="site_service_unit_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name
