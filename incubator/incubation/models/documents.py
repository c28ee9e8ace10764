from django.db import models
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.models.attachments import PrivateAttachment


class OrganisationDocument(PrivateAttachment):
    """A file an organisation keeps with the hub: registration certificate, articles, reports.
    Private: only the organisation, its hub's managers and bureau officers can download it.
    The original name, upload time and uploader come from ``PrivateAttachment``."""

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

    class Meta:
        verbose_name = _("organisation document")
        verbose_name_plural = _("organisation documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title
