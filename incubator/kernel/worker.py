"""The task worker that stays up (``manage.py worker``): django-tasks-db's ``db_worker`` loop,
but a database that goes away (a restart, a failover, a dropped connection) makes it wait and
reconnect instead of exiting, and tasks left RUNNING by a worker that died are taken back
after ``settings.TASKS_RECLAIM_AFTER`` seconds."""

import contextlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    connections,
    transaction,
)
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("incubator.kernel.worker")

# A task claimed this many times without finishing kills its worker: it is failed, not retried.
MAX_CLAIMS = 3
# How often (seconds) a worker looks for abandoned tasks.
RECLAIM_EVERY = 60


class TaskAbandoned(Exception):
    """Recorded on a task whose workers kept dying while running it."""


def tasks_reclaim_abandoned(*, backend_name: str, now=None) -> int:
    """Put back in the queue every task RUNNING since more than ``TASKS_RECLAIM_AFTER``
    seconds: its worker died (killed, out of memory, its machine lost) and will never finish
    it. A task claimed ``MAX_CLAIMS`` times is failed instead, so one task that kills its
    worker cannot take every worker down in turn. Return how many were put back."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASKS_RECLAIM_AFTER)
    reclaimed = 0
    with transaction.atomic():
        stale = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend_name, started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in stale:
            if len(result.worker_ids) >= MAX_CLAIMS:
                result.set_failed(
                    TaskAbandoned(f"Workers died {len(result.worker_ids)} times running it")
                )
                logger.error("Task %s (%s) abandoned for good", result.id, result.task_path)
                continue
            DBTaskResult.objects.filter(pk=result.pk).update(status=TaskResultStatus.READY)
            logger.warning(
                "Task %s (%s) left running by worker %s since %s: queued again",
                result.id,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "?",
                result.started_at,
            )
            reclaimed += 1
    return reclaimed


def _close_old_connections() -> None:
    """Drop connections that broke or outlived ``CONN_MAX_AGE``, as Django does between
    requests; a connection inside a transaction (a test's) is left alone, as closing it would
    end that transaction."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


class ResilientWorker(Worker):
    """``db_worker``'s worker, with the loop rewritten to survive the database going away."""

    def __init__(self, *, reconnect_delay: float = 1.0, max_reconnect_delay: float = 30.0, **kw):
        super().__init__(**kw)
        self.reconnect_delay = reconnect_delay
        self.max_reconnect_delay = max_reconnect_delay
        self.reconnects = 0
        self._last_reclaim = 0.0

    def run(self) -> None:
        logger.info("Starting worker %s on queues %s", self.worker_id, ",".join(self.queue_names))
        failures = 0
        while self.running:
            try:
                found = self.step()
            except (OperationalError, InterfaceError) as error:
                failures += 1
                if self.batch and failures > 3:
                    raise
                self.wait_for_database(error, failures)
                continue
            if failures:
                logger.warning("Worker %s reconnected to the database", self.worker_id)
                self.reconnects += 1
                failures = 0
            if self.batch and found is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not found:
                time.sleep(self.interval)

    def step(self):
        """Claim and run one task; return it, ``None`` when the queue is empty, ``False`` when
        the database was locked (SQLite) and the claim should be tried again."""
        _close_old_connections()
        if time.monotonic() - self._last_reclaim >= RECLAIM_EVERY:
            tasks_reclaim_abandoned(backend_name=self.backend_name)
            self._last_reclaim = time.monotonic()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return False
            raise
        if task_result is not None:
            # A database lost while the task runs fails its result write: the error reaches
            # the loop, and the task, still RUNNING, is reclaimed later.
            self.run_task(task_result)
        return task_result

    def wait_for_database(self, error: Exception, failures: int) -> None:
        """Drop the broken connections and wait, longer each time, before trying again."""
        log = logger.error if failures == 1 else logger.warning
        delay = min(self.reconnect_delay * 2 ** (failures - 1), self.max_reconnect_delay)
        log("Worker %s lost the database (%s); retrying in %.0f s", self.worker_id, error, delay)
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(Exception):  # broken already
                connection.close()
        if self.running:
            time.sleep(delay)
