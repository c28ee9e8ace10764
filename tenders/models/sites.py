"""Service sites: the places where a contracted service reaches residents (a day-care centre,
a canteen, a home-care base, a community service point), each under one contract and so run
by that contract's provider. A site has a short public code: its feedback page's address,
printed as a QR code on the poster at the site's door.

What a resident needs to find and use a site lives here too: its phone, how to get there, its
accessibility, whether it takes care vouchers and closes on public holidays, and whose premises
it runs in (the city's, handed over under the contract with a record and an inventory, or the
operator's own). Its opening hours, price list and handover record are in ``site_offer`` and
``handovers``."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.models import ClusterableModel

from incubator.kernel.validators import validate_phone_cn

# Letters and digits that cannot be misread on a poster (no 0/O, 1/l/I).
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8


def new_site_code() -> str:
    """A fresh public code for a site: eight characters, about 2^39 possibilities."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class SiteKind(models.TextChoices):
    """What kind of place a service site is."""

    DAY_CARE = "day_care", pgettext_lazy("site kind", "Day-care centre")
    CANTEEN = "canteen", pgettext_lazy("site kind", "Canteen for older people")
    HOME_CARE_BASE = "home_care_base", pgettext_lazy("site kind", "Home-care base")
    SERVICE_POINT = "service_point", pgettext_lazy("site kind", "Community service point")


class Premises(models.TextChoices):
    """Whose premises a site runs in."""

    CITY = "city", _("The city's premises, handed over under the contract")
    OPERATOR = "operator", _("The operator's own")


HANDOVER_NEEDS_CITY_PREMISES = _(
    "A handover is recorded only for the city's premises, handed over under the contract."
)
PREMISES_HAVE_HANDOVER = _(
    "The site has a handover record of the city's premises: it cannot become the operator's "
    "own while that record stands."
)


class ServiceSite(ClusterableModel):
    """A place where a contracted service is delivered; its operator is the contract's
    provider. Residents give feedback on it through its public code, and find it (hours,
    prices, accessibility, how to get there) in the services directory."""

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    town = models.CharField(_("town or subdistrict"), max_length=60)
    community = models.CharField(_("community"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200)
    code = models.CharField(
        _("public code"), max_length=16, unique=True, default=new_site_code, editable=False
    )
    feedback_open = models.BooleanField(
        _("takes feedback"),
        default=True,
        help_text=_("Residents can rate the service on the site's feedback page."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone_cn],
        help_text=_("The number residents call, such as 0512-5353 0000."),
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Bus lines and stops, landmarks, the entrance to use."),
    )
    step_free = models.BooleanField(
        _("step-free access"),
        default=False,
        help_text=_("A wheelchair user can enter without steps (level or by a ramp)."),
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    lift = models.BooleanField(
        _("lift"), default=False, help_text=_("A lift to every floor residents use.")
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_(
            "Anything else a resident with limited mobility, sight or hearing should know."
        ),
    )
    accepts_vouchers = models.BooleanField(
        _("takes care vouchers"),
        default=False,
        help_text=_(
            "Residents can pay for the services of the price list that have a voucher price "
            "with their care voucher balance."
        ),
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"),
        default=True,
        help_text=_(
            "Closed on the days off of the working-day calendar, whatever the opening hours say."
        ),
    )
    premises = models.CharField(
        _("premises"),
        max_length=10,
        choices=Premises.choices,
        default=Premises.OPERATOR,
        help_text=_(
            "The city's premises are handed over under the contract, with a handover record and "
            "an inventory."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service site")
        verbose_name_plural = _("service sites")
        ordering = ["town", "name"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "name"], name="site_name_per_contract"),
            models.CheckConstraint(
                condition=models.Q(premises__in=Premises.values), name="site_premises_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        from tenders.models.handovers import SiteHandover  # defined after the site

        if (
            self.pk
            and self.premises != Premises.CITY
            and SiteHandover.objects.filter(site=self.pk).exists()
        ):
            raise ValidationError({"premises": PREMISES_HAVE_HANDOVER})
