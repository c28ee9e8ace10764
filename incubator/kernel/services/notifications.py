"""Telling people what concerns them: an in-app notification for each user, and an email in the
language they chose (both languages while they have not chosen). Reminder emails respect the
user's wish not to receive them; the in-app notification appears either way."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils import translation

from incubator.kernel.mail import SEPARATOR, one_line, render_text, template_path
from incubator.kernel.models import Notification, NotificationSettings
from incubator.kernel.roles import Role
from incubator.kernel.services.outbox import email_queue

LANGUAGES = ("zh-hans", "en")


def _render(template: str, part: str, context: dict, language: str) -> str:
    with translation.override(language):
        return render_text(f"{template}_{part}.txt", context).strip()


def notify(
    *,
    users: Iterable,
    template: str,
    context: dict,
    link: tuple[str, list] | None = None,
    reminder: bool = False,
) -> list[Notification]:
    """Notify ``users`` in the caller's transaction: one notification each, titled by the
    template's subject in both languages, linking to ``link`` (URL name, arguments), and an
    email from the template, queued in the outbox (sent by a task once the change commits)."""
    template = template_path(template)
    subjects = {
        language: one_line(_render(template, "subject", context, language))
        for language in LANGUAGES
    }
    bodies = {language: _render(template, "body", context, language) for language in LANGUAGES}
    users = [user for user in users if user is not None and user.is_active]
    preferences = {
        item.user_id: item
        for item in NotificationSettings.objects.filter(user__in=[user.pk for user in users])
    }
    notifications = Notification.objects.bulk_create(
        Notification(
            user=user,
            title_zh=subjects["zh-hans"][:300],
            title_en=subjects["en"][:300],
            link_name=link[0] if link else "",
            link_args=list(link[1]) if link else [],
            is_reminder=reminder,
        )
        for user in users
    )
    for user in users:
        preference = preferences.get(user.pk)
        if not user.email or (reminder and preference and not preference.reminder_emails):
            continue
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


def bureau_officers() -> list:
    """Every active bureau officer."""
    return list(get_user_model().objects.filter(groups__name=Role.BUREAU_OFFICER, is_active=True))


def notify_on_commit(**kwargs) -> None:
    """``notify(...)`` inside the current transaction: the notifications and the queued emails
    commit with the change, or roll back with it, so nobody hears of a change that was rolled
    back and no message is lost between the commit and the queue."""
    notify(**kwargs)
