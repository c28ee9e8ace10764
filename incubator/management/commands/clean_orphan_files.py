"""``manage.py clean_orphan_files [--delete] [--older-than MINUTES]``: list (and with
``--delete`` remove) the private and media files that no row references, found by walking every
FileField of every model (incubator.kernel.orphans). A dry run by default."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from incubator.kernel.orphans import orphan_files


class Command(BaseCommand):
    help = "List the stored files no row references; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove them (default: list).")
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Only files at least this old (default 60): a younger file may belong to a "
            "transaction still running.",
        )

    def handle(self, *args, delete, older_than, **options):
        orphans = orphan_files(older_than=timedelta(minutes=older_than))
        for orphan in orphans:
            if delete:
                orphan.storage.delete(orphan.name)
            self.stdout.write(f"{'removed' if delete else 'orphan'} {orphan.store}:{orphan.name}")
        verb = "removed" if delete else "found (dry run; --delete removes them)"
        self.stdout.write(f"{len(orphans)} orphan file(s) {verb}.")
