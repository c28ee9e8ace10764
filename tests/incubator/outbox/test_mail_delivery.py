"""Mail through the outbox, against a real SMTP socket: a mail server that is down or hangs
never turns a saved change into an error page, and the message is delivered once it is back."""

import logging
import time

from django.db import transaction
from django.utils import timezone

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from incubator.incubation.services.invitations import invitation_create
from incubator.kernel.services.outbox import MAX_ATTEMPTS
from incubator.kernel.worker import ResilientWorker
from incubator.models import IntakeApplication, OutgoingEmail
from tests.factories import HubFactory, OrganisationFactory, bureau_officer, send_application
from tests.incubator.views.test_intake import FORM

from .smtp import TinySMTPServer, closed_port, silent_server

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend, pointed at a port where nothing listens (yet)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    return settings


def run_worker():
    """``manage.py worker --batch``: run what is due, then stop."""
    ResilientWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()


def let_the_back_off_pass():
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_an_application_saved_while_the_mail_server_is_down_is_mailed_when_it_is_back(client, smtp):
    smtp.TASKS = DATABASE_TASKS
    response = send_application(
        client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk}
    )
    assert response.status_code == 302, "the application was saved"  # then the sent page
    assert IntakeApplication.objects.filter(contact_email="gu.min@example.org").exists()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.recipient) == ("queued", 0, "gu.min@example.org")

    run_worker()  # the server is down: the attempt fails and the next is scheduled
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 1)
    assert "refused" in email.last_error.lower()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).get().run_after > (
        timezone.now()
    )

    let_the_back_off_pass()
    with TinySMTPServer(smtp.EMAIL_PORT) as server:
        run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert len(server.messages) == 1
    assert "/confirm/" in server.messages[0]


def test_a_refused_send_never_reaches_the_request_under_the_immediate_backend(client, smtp):
    response = send_application(
        client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk}
    )
    assert response.status_code == 302, "the application was saved"
    assert IntakeApplication.objects.exists()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == ("queued", 1)
    assert email.last_error


def test_a_hanging_mail_server_holds_the_request_no_longer_than_the_timeout(client, smtp):
    smtp.EMAIL_TIMEOUT = 1
    with silent_server() as port:
        smtp.EMAIL_PORT = port
        started = time.monotonic()
        response = send_application(
            client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk}
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 302, "the application was saved"
    assert elapsed < 5
    email = OutgoingEmail.objects.get()
    assert email.status == "queued"
    assert "timed out" in email.last_error.lower()


def test_with_the_database_queue_the_request_never_talks_to_the_mail_server(client, smtp):
    smtp.TASKS = DATABASE_TASKS
    smtp.EMAIL_TIMEOUT = 30
    with silent_server() as port:
        smtp.EMAIL_PORT = port
        started = time.monotonic()
        response = send_application(
            client, "/zh-hans/incubator/apply/", {**FORM, "hub": HubFactory().pk}
        )
        assert time.monotonic() - started < 5
    assert response.status_code == 302, "the application was saved"
    assert OutgoingEmail.objects.get().attempts == 0


def test_an_email_rolls_back_with_its_change(smtp):
    smtp.TASKS = DATABASE_TASKS
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        invitation_create(
            organisation=organisation,
            email="colleague@example.org",
            role="member",
            by=bureau_officer(),
            base_url="http://testserver/",
        )
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change failed after the email was queued")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__startswith="incubator.").exists()


def test_after_about_an_hour_of_refusals_the_message_is_failed_and_logged(smtp, caplog):
    smtp.TASKS = DATABASE_TASKS
    organisation = OrganisationFactory()
    invitation_create(
        organisation=organisation,
        email="colleague@example.org",
        role="member",
        by=bureau_officer(),
        base_url="http://testserver/",
    )
    email = OutgoingEmail.objects.get()
    waited = timezone.timedelta()
    with caplog.at_level(logging.WARNING, logger="incubator.kernel.services.outbox"):
        for _attempt in range(MAX_ATTEMPTS + 2):
            task = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
            if task is None:
                break
            if task.run_after.year < 9999:
                waited += task.run_after - timezone.now()
            let_the_back_off_pass()
            run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", MAX_ATTEMPTS)
    assert email.failed_at is not None
    assert timezone.timedelta(minutes=50) < waited < timezone.timedelta(minutes=70)
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "colleague@example.org" in errors[0].getMessage()
