"""The handover of the city's premises to a site's operator under the contract: who handed
them over and who received them, on which day, and the inventory of what was handed over
(each item with its quantity and condition). Only sites in the city's premises have one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ItemCondition(models.TextChoices):
    """The state an item was handed over in."""

    GOOD = "good", pgettext_lazy("item condition", "Good")
    WORN = "worn", pgettext_lazy("item condition", "Worn")
    NEEDS_REPAIR = "needs_repair", pgettext_lazy("item condition", "Needs repair")


class SiteHandover(models.Model):
    """The record of the city's premises handed over to the operator of a site."""

    site = models.OneToOneField(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.PROTECT,
        related_name="handover",
    )
    handed_over_on = models.DateField(_("handed over on"))
    handed_over_by = models.CharField(
        _("handed over by"), max_length=60, help_text=_("The bureau's person, family name first.")
    )
    received_by = models.CharField(
        _("received by"), max_length=60, help_text=_("The operator's person, family name first.")
    )
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("premises handover")
        verbose_name_plural = _("premises handovers")

    def __str__(self) -> str:
        return str(_("Handover of %(site)s") % {"site": self.site})


class HandoverItem(models.Model):
    """One line of a handover's inventory."""

    handover = models.ForeignKey(
        SiteHandover, verbose_name=_("handover"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(pgettext_lazy("inventory", "item"), max_length=120)
    quantity = models.PositiveIntegerField(_("quantity"))
    condition = models.CharField(
        _("condition"), max_length=20, choices=ItemCondition.choices, default=ItemCondition.GOOD
    )
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inventory item")
        verbose_name_plural = _("inventory items")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="handover_item_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(condition__in=ItemCondition.values),
                name="handover_item_condition_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} × {self.quantity}"
