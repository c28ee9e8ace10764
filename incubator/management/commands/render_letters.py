"""``manage.py render_letters``: queue the PDFs of letters that are not rendered yet (those
that failed, after the cause is fixed, or whose task was lost), from their first attempt."""

from django.core.management.base import BaseCommand
from django.db import transaction

from incubator.kernel.services.letters import enqueue_render
from incubator.models import Letter


class Command(BaseCommand):
    help = "Queue rendering for letters whose PDF is pending or failed."

    def handle(self, *args, **options):
        waiting = Letter.objects.exclude(render_status=Letter.RenderStatus.READY)
        count = 0
        for letter_id in waiting.values_list("pk", flat=True):
            with transaction.atomic():
                Letter.objects.filter(pk=letter_id).update(
                    render_attempts=0, render_status=Letter.RenderStatus.PENDING
                )
                enqueue_render(letter_id)
            count += 1
        self.stdout.write(f"Queued {count} letters.")
