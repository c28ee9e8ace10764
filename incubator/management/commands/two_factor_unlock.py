"""``manage.py two_factor_unlock USERNAME``: lift the lock that wrong second-factor codes put
on a staff account (see ``incubator.kernel.twofactor``), as ``axes_reset_username`` lifts a password
lockout. For when the person locked themselves out and the operator has checked who they are."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from incubator.models import SecondFactorFailures


class Command(BaseCommand):
    help = "Forget a user's wrong second-factor codes, lifting the lock they caused."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username}.")
        SecondFactorFailures.objects.filter(user=user).update(failures=0, last_failure_at=None)
        self.stdout.write(f"The second factor of {username} is unlocked.")
