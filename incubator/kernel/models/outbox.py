from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutgoingEmail(models.Model):
    """One email we owe someone: written in the transaction that caused it, sent by a task
    (``incubator.kernel.tasks.send_email``), retried with back-off, and kept with its status, so a
    message the mail server refused is visible to staff and can be sent again."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("email status", "Waiting to be sent")
        SENT = "sent", pgettext_lazy("email status", "Sent")
        FAILED = "failed", pgettext_lazy("email status", "Delivery failed")

    recipient = models.EmailField(pgettext_lazy("email", "recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("Empty when the message is in Chinese and English."),
    )
    template = models.CharField(_("template"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        permissions = [("resend_outgoingemail", _("Can send failed emails again"))]
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_email_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | Q(failed_at__isnull=False),
                name="outgoing_email_failed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
