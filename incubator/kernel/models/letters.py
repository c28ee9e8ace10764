import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.letters import letter_kind_choices


def _verification_code() -> str:
    return secrets.token_urlsafe(18)


class LetterSequence(models.Model):
    """The last reference number used for one kind of letter in one year. Issuing a letter
    increments it in the issuing transaction, so numbers have no gaps and no duplicates."""

    kind = models.CharField(_("kind of letter"), max_length=30, choices=letter_kind_choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("letter number sequence")
        verbose_name_plural = _("letter number sequences")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="letter_sequence_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.last_number}"


class Letter(models.Model):
    """An official letter to an organisation: numbered, rendered once to PDF, stored with its
    SHA-256, verifiable by anyone with its code, and never changed after issue. Reissuing
    revokes it (with a reason) in favour of a new letter with a new number."""

    class RenderStatus(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Rendering failed")

    kind = models.CharField(_("kind of letter"), max_length=30, choices=letter_kind_choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number"))
    reference = models.CharField(_("reference"), max_length=60, unique=True)
    recipient = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    amount = models.DecimalField(
        _("amount (RMB)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=_verification_code
    )
    render_status = models.CharField(
        _("PDF"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    render_attempts = models.PositiveSmallIntegerField(_("rendering attempts"), default=0)
    render_error = models.TextField(_("rendering error"), blank=True)
    file = PrivateFileField(_("PDF file"), upload_to=private_upload_to("letters"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-issued_at", "-pk"]
        permissions = [("reissue_letter", _("Can revoke and reissue letters"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], name="letter_number_unique_per_kind_year"
            ),
            models.CheckConstraint(condition=Q(sequence__gt=0), name="letter_sequence_positive"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="letter_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(render_status="ready") | (~Q(file="") & ~Q(sha256="")),
                name="letter_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
