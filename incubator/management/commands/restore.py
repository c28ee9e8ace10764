"""``manage.py restore BACKUP_FOLDER``: check a backup's SHA-256 sums, then put the database and
the media and private files back as they were (incubator.backup). Stop the app servers and
task workers first: the restore replaces everything."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incubator.backup import backup_restore, backup_verify
from incubator.errors import ServiceError


class Command(BaseCommand):
    help = "Restore the database and the media and private files from a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A folder made by manage.py backup.")
        parser.add_argument("--no-database", action="store_true", help="Files only.")
        parser.add_argument("--no-files", action="store_true", help="Database only.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Only verify the backup; change nothing."
        )

    def handle(self, *args, source, no_database, no_files, interactive, check, **options):
        try:
            manifest = backup_verify(source=source)
            self.stdout.write(f"Backup of {manifest['created_at']} verified.")
            if check:
                return
            if interactive:
                answer = input(
                    "This replaces the current database and files with the backup's. "
                    "Type 'yes' to continue: "
                )
                if answer != "yes":
                    raise CommandError("Restore cancelled.")
            backup_restore(source=source, database=not no_database, files=not no_files)
        except ServiceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Restored.")
