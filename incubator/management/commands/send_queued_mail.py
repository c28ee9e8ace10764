"""``manage.py send_queued_mail``: try again the queued emails whose next attempt is due, where
the task backend cannot schedule retries itself (the immediate backend of development). With
the database queue (production) the worker retries on its own and this command does nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from django_tasks import default_task_backend

from incubator.kernel.services.outbox import emails_due
from incubator.kernel.tasks import send_email


class Command(BaseCommand):
    help = "Send queued emails whose next attempt is due (development: immediate tasks)."

    def handle(self, *args, **options):
        if default_task_backend.supports_defer:
            self.stdout.write("The task worker retries queued emails itself; nothing to do.")
            return
        count = 0
        for email_id in emails_due().values_list("pk", flat=True):
            with transaction.atomic():
                send_email.enqueue(email_id)
            count += 1
        self.stdout.write(f"Tried {count} queued emails.")
