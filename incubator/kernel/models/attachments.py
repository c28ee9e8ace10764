"""The abstract private attachment every app's uploaded files share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateAttachment(models.Model):
    """A private file someone uploaded: the name it had on their computer, when and by whom.
    Subclasses declare their own ``file`` (a ``PrivateFileField`` with the folder its kind is
    stored in) and the record it belongs to. The file is only ever served through a permission
    check (``incubator.kernel.files.private_file_response``)."""

    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name
