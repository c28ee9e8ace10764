"""``manage.py restore BACKUP_FOLDER``: check a backup's SHA-256 sums, then put the database and
the media and private files back as they were (incubator.kernel.backup). Stop the app servers and
task workers first: the restore replaces everything. Every part of the backup is read to its
end before anything changes, and database and files change together or not at all; any
failure is one line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incubator.kernel.backup import UNREADABLE, backup_restore, backup_verify
from incubator.kernel.errors import ServiceError


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
            if check:
                manifest = backup_verify(source=source)
                self.stdout.write(f"Backup of {manifest.get('created_at', '?')} verified.")
                return
            if interactive:
                answer = input(
                    "This replaces the current database and files with the backup's. "
                    "Type 'yes' to continue: "
                )
                if answer != "yes":
                    raise CommandError("Restore cancelled.")
            manifest = backup_restore(source=source, database=not no_database, files=not no_files)
        except ServiceError as error:
            raise CommandError(" ".join(str(error).split())) from error
        except UNREADABLE as error:  # anything the checks did not foresee, still one line
            reason = " ".join(str(error).split()) or type(error).__name__
            raise CommandError(f"Restore failed: {reason}") from error
        self.stdout.write(f"Backup of {manifest.get('created_at', '?')} verified and restored.")
