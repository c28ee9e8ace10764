"""The outbox: every email is a row written in the transaction that causes it, and a task that
sends it, enqueued in that same transaction. With the database task backend both commit or
roll back with the change; the request never talks to the mail server, so a mail server that
is down or hanging cannot turn a saved change into an error page. A failed attempt is tried
again with back-off for about an hour, then the message is marked failed, logged at ERROR,
and listed for staff, who can send it again."""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, ... failed attempt: 1 + 5 + 15 + 40 minutes, then the sixth
# attempt is the last (about an hour after the first).
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=40),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

NOT_FAILED = _("Only a message whose delivery failed can be sent again.")
NOT_ALLOWED = _("Only bureau officers and site administrators can send messages again.")


def email_queue(
    *, to: list[str], subject: str, body: str, language: str = "", template: str = ""
) -> list[OutgoingEmail]:
    """Queue one message per address in ``to``, in the caller's transaction, and enqueue the
    task sending each. Nothing is sent here."""
    emails = [
        OutgoingEmail.objects.create(
            recipient=address,
            subject=subject[:300],
            body=body,
            language=language,
            template=template[:120],
        )
        for address in to
        if address
    ]
    for email in emails:
        _enqueue(email.pk)
    return emails


def _enqueue(email_id: int, *, delay: timedelta | None = None) -> bool:
    """Enqueue the sending task, ``delay`` from now where the backend can wait. Return whether
    a task was enqueued: a backend that runs tasks at once (development, tests) cannot wait,
    and a retry there waits for ``email_send_again`` or ``manage.py send_queued_mail``."""
    from django_tasks import default_task_backend

    from incubator.kernel.tasks import send_email

    task = send_email
    if delay is not None:
        if not default_task_backend.supports_defer:
            return False
        task = send_email.using(run_after=timezone.now() + delay)
    task.enqueue(email_id)
    return True


def email_deliver(*, email_id: int) -> OutgoingEmail:
    """One attempt to send a queued message. Before: queued. After: sent; or, when the server
    refused or did not answer within ``EMAIL_TIMEOUT``, the attempt and its error recorded
    and the next attempt enqueued after a back-off; after the last attempt, failed (logged at
    ERROR). A message no longer queued (sent, failed, gone) is left alone."""
    email = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).first()
    if email is None:
        return None
    try:
        # The SMTP backend gives up after settings.EMAIL_TIMEOUT seconds.
        message = EmailMessage(email.subject, email.body, None, [email.recipient])
        message.connection = get_connection()
        message.send()
    except Exception as error:  # whatever the server did, the row says it
        return _attempt_failed(email, error)
    now = timezone.now()
    OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=now,
        attempts=F("attempts") + 1,
        last_error="",
        next_attempt_at=None,
    )
    email.refresh_from_db()
    return email


def _attempt_failed(email: OutgoingEmail, error: Exception) -> OutgoingEmail:
    attempts = email.attempts + 1
    message = f"{type(error).__name__}: {error}"[:2000]
    now = timezone.now()
    with transaction.atomic():
        if attempts >= MAX_ATTEMPTS:
            OutgoingEmail.objects.filter(pk=email.pk).update(
                status=OutgoingEmail.Status.FAILED,
                attempts=attempts,
                last_error=message,
                failed_at=now,
                next_attempt_at=None,
            )
            logger.error(
                "Email %s to %s failed after %s attempts: %s",
                email.pk,
                email.recipient,
                attempts,
                message,
            )
        else:
            delay = RETRY_DELAYS[attempts - 1]
            OutgoingEmail.objects.filter(pk=email.pk).update(
                attempts=attempts, last_error=message, next_attempt_at=now + delay
            )
            logger.warning(
                "Email %s to %s not sent (attempt %s of %s), trying again in %s: %s",
                email.pk,
                email.recipient,
                attempts,
                MAX_ATTEMPTS,
                delay,
                message,
            )
            _enqueue(email.pk, delay=delay)
    email.refresh_from_db()
    return email


def may_send_again(user) -> bool:
    """Bureau officers and site administrators look after deliveries (their roles hold the
    permission)."""
    return bool(user and user.is_active and user.has_perm("incubator.resend_outgoingemail"))


@transaction.atomic
def email_send_again(*, email: OutgoingEmail, by) -> OutgoingEmail:
    """Try a failed message again, from its first attempt. Before: failed, ``by`` a bureau
    officer or site administrator. After: queued, its task enqueued."""
    if not may_send_again(by):
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
    updated = OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.QUEUED, attempts=0, failed_at=None, next_attempt_at=None
    )
    if updated != 1:
        raise ServiceError(NOT_FAILED, code="not_failed")
    _enqueue(email.pk)
    audit_log(
        instance=email,
        action="incubator.email.send_again",
        user=by,
        data={"recipient": email.recipient, "subject": email.subject},
    )
    email.refresh_from_db()
    return email


def emails_due(now=None):
    """Queued messages whose next attempt is due: for ``manage.py send_queued_mail`` where the
    task backend cannot wait (development), and after an outage of the worker."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now
    )
