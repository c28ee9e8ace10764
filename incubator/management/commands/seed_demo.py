"""``manage.py seed_demo``: a believable Taicang world for demonstrations and manual testing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tools.demo.seeding import SeedLog, demo_steps


class Command(BaseCommand):
    help = "Load the Taicang demo world (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a live site: it creates known passwords).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to seed demo data with DEBUG off: demo users have a published password. "
                "Use --force if this really is a throwaway site."
            )
        log = SeedLog()
        with transaction.atomic():
            for step in demo_steps():
                step.run(log)
        if log.created:
            self.stdout.write(f"Created {len(log.created)} demo objects:")
            for item in log.created:
                self.stdout.write(f"  {item}")
        else:
            self.stdout.write("Demo data already present; nothing changed.")
