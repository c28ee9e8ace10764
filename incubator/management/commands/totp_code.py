"""``manage.py totp_code USERNAME``: the current one-time code of a demo staff member's
authenticator, so the demo's back office can be tried without a phone. Refused with DEBUG off:
in production the code comes from the person's own app."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current two-factor code of a user's authenticator (demo only, DEBUG on)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("totp_code is for the demo: it refuses to run with DEBUG off.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no authenticator set up.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
