from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HubManagerAssignment(models.Model):
    """A person managing a hub, from assignment until the assignment ends."""

    hub = models.ForeignKey(
        "incubator.Hub",
        verbose_name=_("hub"),
        on_delete=models.CASCADE,
        related_name="manager_assignments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="hub_assignments",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hub manager assignment")
        verbose_name_plural = _("hub manager assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "user"],
                condition=Q(ended_at__isnull=True),
                name="hub_manager_one_live_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.hub}"
