from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tenders.services.complaints import complaints_anonymise
from tenders.services.feedback import feedback_anonymise


class Command(BaseCommand):
    help = (
        "Erase residents' comments, device marks and complaints (text, contact, answer) "
        "older than the retention period."
    )

    def handle(self, *args, **options):
        count = feedback_anonymise()
        self.stdout.write(
            _("%(count)s feedback responses older than %(days)s days anonymised.")
            % {"count": count, "days": settings.FEEDBACK_RETENTION_DAYS}
        )
        count = complaints_anonymise()
        self.stdout.write(
            _("%(count)s complaints older than %(days)s days anonymised.")
            % {"count": count, "days": settings.FEEDBACK_RETENTION_DAYS}
        )
