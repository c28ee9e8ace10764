"""The worker stays up: tasks left RUNNING by a worker that died are taken back after the
timeout, and (on PostgreSQL) a worker whose database connection is killed reconnects."""

import threading
import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from incubator.kernel.services.outbox import email_queue
from incubator.kernel.worker import MAX_CLAIMS, ResilientWorker, tasks_reclaim_abandoned
from incubator.models import OutgoingEmail

from .test_mail_delivery import DATABASE_TASKS, run_worker


def queue_email() -> OutgoingEmail:
    (email,) = email_queue(to=["gu.min@example.org"], subject="测试", body="正文")
    return email


def killed_while_running(*, started_ago: timedelta, workers: int = 1) -> DBTaskResult:
    """The state a worker killed mid-task leaves: its task RUNNING, for ever."""
    task = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=task.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
        worker_ids=[f"dead-{n}" for n in range(workers)],
    )
    return task


@pytest.mark.django_db
def test_a_task_left_running_by_a_killed_worker_is_taken_back_and_done(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_RECLAIM_AFTER = 600
    email = queue_email()
    task = killed_while_running(started_ago=timedelta(minutes=11))
    run_worker()
    task.refresh_from_db()
    email.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert email.status == "sent"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_task_still_within_the_timeout_is_left_to_its_worker(settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_RECLAIM_AFTER = 600
    queue_email()
    task = killed_while_running(started_ago=timedelta(minutes=5))
    assert tasks_reclaim_abandoned(backend_name="default") == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_task_that_kept_killing_its_workers_is_failed_not_retried(settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_RECLAIM_AFTER = 600
    queue_email()
    task = killed_while_running(started_ago=timedelta(hours=1), workers=MAX_CLAIMS)
    tasks_reclaim_abandoned(backend_name="default")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "TaskAbandoned" in task.exception_class_path


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend")
@pytest.mark.django_db(transaction=True)
def test_the_worker_reconnects_after_its_database_connection_is_killed(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    worker = ResilientWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0.05,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="survivor",
        reconnect_delay=0.1,
    )
    pids = []

    def work():
        from django.db import connection as worker_connection

        worker_connection.ensure_connection()
        # Kept open between tasks, as in production (DATABASE_CONN_MAX_AGE=60): the killed
        # connection is the one the worker uses next.
        worker_connection.close_at = None
        pids.append(worker_connection.connection.info.backend_pid)
        try:
            worker.run()
        finally:
            worker_connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        _wait_for(lambda: pids)
        with connection.cursor() as cursor:  # what a database restart does to the worker
            cursor.execute("SELECT pg_terminate_backend(%s)", [pids[0]])
        email = queue_email()
        _wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == "sent")
        # The stock db_worker loop dies here ("terminating connection"); ours lives on and
        # delivers. Whether it counts a reconnect depends on where in its loop the kill lands
        # (between tasks Django may replace the dead connection before any query fails).
        assert thread.is_alive()
        assert len(mailoutbox) == 1
    finally:
        worker.running = False
        thread.join(timeout=10)


def _wait_for(condition, seconds: float = 15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")
