from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from tenders.services.awards import awards_finalise


class Command(BaseCommand):
    help = "Make awards final whose challenge window has closed, and create their contracts."

    def handle(self, *args, **options):
        contracts = awards_finalise()
        self.stdout.write(_("%(count)s awards made final.") % {"count": len(contracts)})
