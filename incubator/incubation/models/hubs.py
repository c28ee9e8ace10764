from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class HubQuerySet(models.QuerySet):
    """Vocabulary for hub lists."""

    def active(self):
        return self.filter(is_active=True)


class Hub(models.Model):
    """An incubator site run for the bureau, where organisations get space and support."""

    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses and exports; letters, digits and hyphens."),
    )
    district = models.CharField(
        _("town or district"), max_length=60, help_text=_("For example 城厢镇 or 科教新城.")
    )
    operator = models.CharField(
        _("operator"),
        max_length=160,
        help_text=_(
            "The body that runs the hub, for example a district-funded social work centre."
        ),
    )
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive hubs take no new organisations.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["name"]
        permissions = [
            ("manage_hub", _("Can manage the hub's organisations, spaces and intake")),
        ]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="hub_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def display_name(self) -> str:
        """The hub's name in the active language, falling back to the Chinese name."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name
