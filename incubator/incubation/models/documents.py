from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to


class OrganisationDocument(models.Model):
    """A file an organisation keeps with the hub: registration certificate, articles, reports.
    Private: only the organisation, its hub's managers and bureau officers can download it."""

    class Kind(models.TextChoices):
        REGISTRATION_CERTIFICATE = "registration_certificate", _("Registration certificate")
        ARTICLES = "articles", _("Articles of association")
        ANNUAL_REPORT = "annual_report", _("Annual report")
        FINANCIAL_STATEMENT = "financial_statement", _("Financial statement")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    file = PrivateFileField(_("file"), upload_to=private_upload_to("organisation-documents"))
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
        verbose_name = _("organisation document")
        verbose_name_plural = _("organisation documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title
