"""``manage.py publish_open_data [--force] [NAME ...]``: rebuild the open-data publications
whose data changed (every ten minutes from cron on one machine; see docs/operations.md)."""

from django.core.management.base import BaseCommand, CommandError

from incubator.kernel.publications import PUBLICATIONS, publication_build


class Command(BaseCommand):
    help = "Rebuild the open-data publications whose data changed since their last build."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these publications")
        parser.add_argument("--force", action="store_true", help="rebuild even if unchanged")

    def handle(self, *args, names, force, **options):
        unknown = sorted(set(names) - set(PUBLICATIONS))
        if unknown:
            raise CommandError(f"Unknown publication(s): {', '.join(unknown)}")
        for name in names or sorted(PUBLICATIONS):
            pages = publication_build(name, force=force)
            message = f"{name}: {pages} page(s) built" if pages else f"{name}: up to date"
            self.stdout.write(message)
