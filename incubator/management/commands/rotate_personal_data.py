"""``manage.py rotate_personal_data``: re-encrypt every stored identity number under the first
of ``PERSONAL_DATA_KEYS`` and recompute their digests, so that an old key can be removed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from incubator.kernel.personal_data import decrypt_personal, personal_digest, rotate_personal
from subsidies.models import Resident


class Command(BaseCommand):
    help = "Re-encrypt personal information under the first PERSONAL_DATA_KEYS key."

    def handle(self, *args, **options):
        count = 0
        for pk, token in Resident.objects.values_list("pk", "citizen_id_token").iterator(2000):
            number = decrypt_personal(token)
            with transaction.atomic():
                Resident.objects.filter(pk=pk).update(
                    citizen_id_token=rotate_personal(token),
                    citizen_id_digest=personal_digest(number),
                )
            count += 1
        self.stdout.write(f"{count} identity numbers re-encrypted")
