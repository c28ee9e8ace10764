"""The incubation domain's letters, registered with the kernel's letter machinery by the
``incubator`` AppConfig (templates: ``letters/<kind>.html``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IncubationLetterKind(models.TextChoices):
    ADMISSION = "admission", _("Admission to the incubator")
    GRADUATION = "graduation", _("Graduation from the incubator")


# Labels of what these letters record in their details (the back office's details table).
INCUBATION_LETTER_DETAILS = {
    "hub_name": _("Hub"),
    "start_date": _("Starts on"),
    "planned_end_date": _("Planned end"),
}
