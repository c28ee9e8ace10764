"""The daily summary: for those who chose it, one email a day listing the notifications not
emailed yet (not those whose item was handled meanwhile), each with the full address of its
item, in the language of their emails (both while they have not chosen). ``manage.py
send_digests`` runs it once a day; running it again the same day sends nothing twice (one
``ReminderSent`` per person and day)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from incubator.kernel.mail import SEPARATOR, one_line, render_text
from incubator.kernel.models import Notification, NotificationSettings, ReminderSent
from incubator.kernel.services.notifications import LANGUAGES, absolute_url
from incubator.kernel.services.outbox import email_queue

TEMPLATE = "incubator/email/digest"


def _entries(notifications: list[Notification], language: str) -> list[dict]:
    return [
        {
            "title": notification.title_en if language == "en" else notification.title_zh,
            "url": absolute_url(notification.link_name, notification.link_args, language),
            "created_at": notification.created_at,
            "is_reminder": notification.is_reminder,
        }
        for notification in notifications
    ]


def _render(part: str, notifications: list[Notification], language: str) -> str:
    context = {
        "entries": _entries(notifications, language),
        "count": len(notifications),
        "settings_url": absolute_url("notifications", [], language),
    }
    with translation.override(language):
        return render_text(f"{TEMPLATE}_{part}.txt", context).strip()


def digest_send(*, user, now=None) -> bool:
    """Queue the day's summary for ``user`` unless it went out already today or nothing is
    waiting; what it lists no longer waits. Return whether a summary was queued."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update()
                .filter(user=user, digest_pending=True, done_at__isnull=True, created_at__lte=now)
                .order_by("created_at", "pk")
            )
            if not waiting:
                return False
            ReminderSent.objects.create(key=f"digest:user:{user.pk}:{day:%Y-%m-%d}")
            preference = NotificationSettings.objects.filter(user=user).first()
            language = preference.email_language if preference else ""
            if language in LANGUAGES:
                subject = _render("subject", waiting, language)
                body = _render("body", waiting, language)
            else:
                language = ""
                subject = _render("subject", waiting, "zh-hans")
                body = SEPARATOR.join(_render("body", waiting, lang) for lang in LANGUAGES)
            if user.email:
                email_queue(
                    to=[user.email],
                    subject=one_line(subject),
                    body=body,
                    language=language,
                    template=TEMPLATE,
                )
            Notification.objects.filter(pk__in=[row.pk for row in waiting]).update(
                digest_pending=False
            )
    except IntegrityError:
        return False  # today's summary went out already
    return True


def digests_send(now=None) -> int:
    """Send the daily summary of everyone with notifications waiting for it; return how many
    went out. Safe to run again the same day, and concurrently."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(digest_pending=True, done_at__isnull=True).values("user")
    users = get_user_model().objects.filter(pk__in=waiting, is_active=True).order_by("pk")
    return sum(digest_send(user=user, now=now) for user in users)
