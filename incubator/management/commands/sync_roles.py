"""``manage.py sync_roles``: create the role groups and their permissions (idempotent)."""

from django.core.management.base import BaseCommand

from incubator.kernel.roles import sync_roles


class Command(BaseCommand):
    help = "Create or correct the staff role groups and their model permissions."

    def handle(self, *args, **options):
        sync_roles()
        self.stdout.write("Role groups are in place.")
