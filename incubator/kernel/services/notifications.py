"""Telling people what concerns them: an in-app notification for each user, and an email in the
language they chose (both languages while they have not chosen), at once or in the daily
summary (``incubator.kernel.services.digests``), as they chose. Every email links straight to
the item. Reminder emails respect the user's wish not to receive them; the in-app notification
appears either way. A notification about an item waiting for someone (``item=``) is done when
a service handles the item (``notifications_done``)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Model, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from incubator.kernel.mail import SEPARATOR, one_line, render_text, template_path
from incubator.kernel.models import Notification, NotificationSettings
from incubator.kernel.roles import Role
from incubator.kernel.services.outbox import email_queue

LANGUAGES = ("zh-hans", "en")


def _render(template: str, part: str, context: dict, language: str) -> str:
    with translation.override(language):
        return render_text(f"{template}_{part}.txt", context).strip()


def item_key(item: Model | None) -> str:
    """``app_label.model:pk`` of ``item`` (its concrete model), or '' for none."""
    if item is None:
        return ""
    return f"{item._meta.concrete_model._meta.label_lower}:{item.pk}"[:120]


def absolute_url(link_name: str, link_args, language: str) -> str:
    """The address of a notification's link in ``language``, from ``SITE_BASE_URL``; the
    reader's notifications when there is no link (or its page no longer exists)."""
    with translation.override(language):
        try:
            path = reverse(link_name, args=list(link_args or [])) if link_name else ""
        except NoReverseMatch:
            path = ""
        path = path or reverse("notifications")
    return settings.SITE_BASE_URL.rstrip("/") + path


def _link_line(link, language: str) -> str:
    url = absolute_url(link[0] if link else "", link[1] if link else [], language)
    with translation.override(language):
        if link:
            return gettext("Open it here: %(url)s") % {"url": url}
        return gettext("Your notifications: %(url)s") % {"url": url}


def emails_wanted(user, preference: NotificationSettings | None, *, reminder: bool) -> bool:
    """Whether ``user`` hears of a notification by email at all (at once or in the summary)."""
    return bool(user.email) and not (reminder and preference and not preference.reminder_emails)


def wants_digest(preference: NotificationSettings | None) -> bool:
    """Whether the user gathers their notification emails in one summary a day."""
    return bool(preference) and preference.email_frequency == NotificationSettings.Frequency.DAILY


def notify(
    *,
    users: Iterable,
    template: str,
    context: dict,
    link: tuple[str, list] | None = None,
    reminder: bool = False,
    item: Model | None = None,
) -> list[Notification]:
    """Notify ``users`` in the caller's transaction: one notification each, titled by the
    template's subject in both languages, linking to ``link`` (URL name, arguments), about
    ``item`` if given, and an email from the template with the link's full address, queued in
    the outbox (sent by a task once the change commits); for those who chose the daily
    summary, the notification waits for it instead."""
    template = template_path(template)
    subjects = {
        language: one_line(_render(template, "subject", context, language))
        for language in LANGUAGES
    }
    bodies = {
        language: _render(template, "body", context, language) + "\n\n" + _link_line(link, language)
        for language in LANGUAGES
    }
    users = list({user.pk: user for user in users if user is not None and user.is_active}.values())
    preferences = {
        row.user_id: row
        for row in NotificationSettings.objects.filter(user__in=[user.pk for user in users])
    }
    emailed = {
        user.pk
        for user in users
        if emails_wanted(user, preferences.get(user.pk), reminder=reminder)
    }
    digest = {user_id for user_id in emailed if wants_digest(preferences.get(user_id))}
    notifications = Notification.objects.bulk_create(
        Notification(
            user=user,
            title_zh=subjects["zh-hans"][:300],
            title_en=subjects["en"][:300],
            link_name=link[0] if link else "",
            link_args=list(link[1]) if link else [],
            is_reminder=reminder,
            kind=template[:120],
            item_key=item_key(item),
            digest_pending=user.pk in digest,
        )
        for user in users
    )
    for user in users:
        if user.pk not in emailed or user.pk in digest:
            continue
        preference = preferences.get(user.pk)
        language = preference.email_language if preference else ""
        if language in LANGUAGES:
            subject, body = subjects[language], bodies[language]
        else:
            language = ""
            subject, body = subjects["zh-hans"], SEPARATOR.join(bodies[lang] for lang in LANGUAGES)
        email_queue(
            to=[user.email], subject=subject, body=body, language=language, template=template
        )
    return notifications


def notifications_done(*, item: Model, kinds: Iterable[str] | None = None) -> int:
    """Mark done (and read) every open notification about ``item`` (of the templates
    ``kinds`` only, if given): the item was handled, nobody needs to act on it any more. Call
    it in the transaction of the service that handles the item. Return how many."""
    open_ = Notification.objects.filter(item_key=item_key(item), done_at__isnull=True)
    if kinds is not None:
        open_ = open_.filter(kind__in=[template_path(kind) for kind in kinds])
    now = timezone.now()
    return open_.update(
        done_at=now, read_at=Coalesce(F("read_at"), Value(now)), digest_pending=False
    )


def bureau_officers() -> list:
    """Every active bureau officer."""
    return list(get_user_model().objects.filter(groups__name=Role.BUREAU_OFFICER, is_active=True))


def notify_on_commit(**kwargs) -> None:
    """``notify(...)`` inside the current transaction: the notifications and the queued emails
    commit with the change, or roll back with it, so nobody hears of a change that was rolled
    back and no message is lost between the commit and the queue."""
    notify(**kwargs)
