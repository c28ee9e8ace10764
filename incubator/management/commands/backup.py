"""``manage.py backup DESTINATION``: dump the database and archive the public media and private
files into a new dated folder under DESTINATION, with SHA-256 sums (incubator.kernel.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incubator.kernel.backup import backup_create
from incubator.kernel.errors import ServiceError


class Command(BaseCommand):
    help = "Back up the database and the media and private files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="Folder that receives the backup.")
        parser.add_argument("--no-database", action="store_true", help="Files only.")
        parser.add_argument(
            "--no-files", action="store_true", help="Database only (files in object storage)."
        )

    def handle(self, *args, destination, no_database, no_files, **options):
        try:
            folder = backup_create(
                destination=destination, database=not no_database, files=not no_files
            )
        except ServiceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
