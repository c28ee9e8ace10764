from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something that happened which concerns one user, in the in-app list of the portal and
    the admin. The title is kept in both languages, so the list reads in the reader's language;
    the link is a URL name and arguments, reversed under the reader's language prefix. A
    notification about an item waiting for someone names the item (``item_key``) and is done
    once the item is handled, by whoever handled it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    link_name = models.CharField(_("link"), max_length=100, blank=True)
    link_args = models.JSONField(_("link arguments"), default=list, blank=True)
    is_reminder = models.BooleanField(_("reminder"), default=False)
    kind = models.CharField(_("kind"), max_length=120, blank=True)
    item_key = models.CharField(
        _("item"),
        max_length=120,
        blank=True,
        help_text=_("What the notification is about, as “app.model:id”."),
    )
    done_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    digest_pending = models.BooleanField(_("waiting for the daily summary"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["item_key", "done_at"], name="notification_item_open"),
            models.Index(fields=["digest_pending", "user"], name="notification_digest_pending"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The title in the active language."""
        return self.title_en if (get_language() or "").startswith("en") else self.title_zh

    @property
    def url(self) -> str:
        """Where the notification leads, or '' when the page no longer exists."""
        if not self.link_name:
            return ""
        try:
            return reverse(self.link_name, args=self.link_args)
        except NoReverseMatch:
            return ""


class NotificationSettings(models.Model):
    """How a user wants to hear from us: the language of their emails (both when not chosen),
    whether reminder emails are sent at all, and whether each notification is emailed at once
    or gathered in one summary a day. Notifications in the app always appear."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("An email for each notification")
        DAILY = "daily", _("One summary email a day")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email_language = models.CharField(
        _("language of emails"),
        max_length=10,
        choices=[("", _("Chinese and English"))] + list(settings.LANGUAGES),
        blank=True,
    )
    reminder_emails = models.BooleanField(
        _("send me reminder emails"),
        default=True,
        help_text=_("Deadlines, due and overdue milestones, and decisions waiting for you."),
    )
    email_frequency = models.CharField(
        _("how often we email you"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text=_("The daily summary lists the day's notifications, each with its link."),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class ReminderSent(models.Model):
    """One reminder, sent once: ``key`` names what it reminds of and to whom, so running the
    reminders again sends nothing twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key
