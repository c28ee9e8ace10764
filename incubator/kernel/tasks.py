"""Background tasks of the incubator (django-tasks: immediate in development and tests, the
database backend with ``manage.py worker`` in production). Each is enqueued inside the
transaction that causes it, so it commits or rolls back with the change. A task never raises:
what went wrong is recorded on its row (the email, the letter), where staff see it; and under
the immediate backend, which runs the task inside the request, nothing reaches the request."""

import logging

from django.db import transaction

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(email_id: int) -> None:
    """One attempt to deliver a queued email
    (``incubator.kernel.services.outbox.email_deliver``)."""
    from incubator.kernel.services.outbox import email_deliver

    try:
        with transaction.atomic():
            email_deliver(email_id=email_id)
    except Exception:
        logger.exception("Sending email %s failed unexpectedly", email_id)


@task()
def render_letter(letter_id: int) -> None:
    """One attempt to render a letter's PDF
    (``incubator.kernel.services.letter_rendering.letter_render``); a failure counts toward the
    letter's attempts and schedules the next, until it is marked failed for staff to render
    again."""
    from incubator.kernel.services.letter_rendering import letter_render_attempt

    try:
        with transaction.atomic():
            letter_render_attempt(letter_id=letter_id)
    except Exception:
        logger.exception("Rendering letter %s failed unexpectedly", letter_id)


@task()
def build_publication(name: str) -> None:
    """Build an open-data publication if its data changed
    (``incubator.kernel.publications.publication_build``); a failure is logged and the next
    run of ``manage.py publish_open_data`` tries again."""
    from incubator.kernel.publications import publication_build

    try:
        publication_build(name)
    except Exception:
        logger.exception("Building the open-data publication %s failed", name)
