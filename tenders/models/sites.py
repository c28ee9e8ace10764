"""Service sites: the places where a contracted service reaches residents (a day-care centre,
a canteen, a home-care base, a community service point), each under one contract and so run
by that contract's provider. A site has a short public code: its feedback page's address,
printed as a QR code on the poster at the site's door."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class ServiceSite(models.Model):
    """A place where a contracted service is delivered; its operator is the contract's
    provider. Residents give feedback on it through its public code."""

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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service site")
        verbose_name_plural = _("service sites")
        ordering = ["town", "name"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "name"], name="site_name_per_contract")
        ]

    def __str__(self) -> str:
        return self.name
