"""Residents' feedback on a service site: a rating from one to five faces and an optional
comment, given on the site's public page without an account, by the resident or by a family
member or community worker on the resident's behalf (who says so). A comment is published
only after moderation, with personal details masked; staff may hide it with a reason. After
the stated retention period the comment and the device mark are erased and only the rating,
the day and the site remain (Personal Information Protection Law Art. 19, 47)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

RATING_MIN, RATING_MAX = 1, 5
COMMENT_MAX = 500


class Respondent(models.TextChoices):
    """Who answered."""

    RESIDENT = "resident", pgettext_lazy("respondent", "The resident")
    FAMILY = "family", pgettext_lazy("respondent", "A family member, for the resident")
    WORKER = "worker", pgettext_lazy("respondent", "A community worker, for the resident")


class CommentState(models.TextChoices):
    """Where a comment stands in moderation."""

    NONE = "none", pgettext_lazy("comment state", "No comment")
    PENDING = "pending", pgettext_lazy("comment state", "Waiting for moderation")
    PUBLISHED = "published", pgettext_lazy("comment state", "Published")
    HIDDEN = "hidden", pgettext_lazy("comment state", "Hidden")


class FeedbackResponse(models.Model):
    """One resident's rating of one service site, with the comment as typed (seen by staff
    and the provider only) and, once moderated, as published (personal details masked)."""

    site = models.ForeignKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX)
    respondent = models.CharField(
        pgettext_lazy("feedback", "answered by"),
        max_length=20,
        choices=Respondent.choices,
        default=Respondent.RESIDENT,
    )
    verified = models.BooleanField(_("verified"), default=False)
    code = models.OneToOneField(
        "tenders.FeedbackCode",
        verbose_name=_("verification code"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response",
    )
    # A keyed hash of the answering browser's random token: enough to see one device
    # stuffing a site's results, nothing that identifies a person. Erased with the comment.
    device = models.CharField(_("device mark"), max_length=64, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    comment_state = models.CharField(
        _("comment"), max_length=20, choices=CommentState.choices, default=CommentState.NONE
    )
    published_comment = models.TextField(_("published comment"), blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["site", "submitted_at"], name="feedback_site_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="feedback_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(comment_state="hidden") | ~Q(hidden_reason=""),
                name="feedback_hidden_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.rating}/5"


def normalise_code(typed: str) -> str:
    """A card code as typed (any case, with spaces or hyphens) in its stored form."""
    return "".join(ch for ch in (typed or "").lower() if ch.isalnum())


class FeedbackCode(models.Model):
    """A one-time code printed on a card given to an enrolled service user of one site: an
    answer that carries it counts as verified; the code then is used. Printed from here (the
    codes are of no use beyond one answer at one site), never sent anywhere."""

    site = models.ForeignKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.PROTECT,
        related_name="feedback_codes",
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    batch = models.PositiveIntegerField(_("batch"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")
        ordering = ["site", "batch", "pk"]
        indexes = [models.Index(fields=["site", "batch"], name="feedback_code_batch")]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """The code as printed: two groups of four."""
        return f"{self.code[:4]}-{self.code[4:]}".upper()
