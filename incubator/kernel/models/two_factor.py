from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecondFactorFailures(models.Model):
    """Wrong second-factor codes in a row for one staff account. Enough of them lock the
    account's second factor for a while, as django-axes locks the password
    (``incubator.kernel.twofactor``); kept in the database so that a lock holds across processes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    failures = models.PositiveIntegerField(_("wrong codes in a row"), default=0)
    last_failure_at = models.DateTimeField(_("last wrong code at"), null=True, blank=True)

    class Meta:
        verbose_name = _("second-factor failures")
        verbose_name_plural = _("second-factor failures")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.failures}"
