"""``manage.py send_reminders``: send the reminders that are due, each once. Run it hourly."""

from django.core.management.base import BaseCommand

from incubator.incubation.reminders import send_reminders


class Command(BaseCommand):
    help = "Send due reminders (deadlines, milestones, waiting decisions); each is sent once."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reminders sent")
