"""Residents' complaints about a service site, filed on the site's public page without an
account. The resident keeps a tracking code shown on screen (and may leave a way to be
reached); the provider answers within a set number of working days; a complaint still
unanswered on its due date goes to the bureau, whose officers may answer it themselves; the
resident rates the answer from one to five with the tracking code. The timeline is read from
the record's own dates. After the retention period the description, contact and answer are
erased; the category, dates and rating remain (Personal Information Protection Law Art. 19,
47)."""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenders.models.feedback import RATING_MAX, RATING_MIN, Respondent
from tenders.models.sites import CODE_ALPHABET

DESCRIPTION_MAX = 2000
ANSWER_MAX = 2000
CONTACT_MAX = 100
# Two groups of four characters that cannot be misread (no 0/O, 1/l/I): about 2^40.
TRACKING_GROUPS, TRACKING_GROUP_LENGTH = 2, 4


def new_tracking_code() -> str:
    """A fresh tracking code, stored without its hyphen (shown as ``ABCD-EFGH``)."""
    return "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(TRACKING_GROUPS * TRACKING_GROUP_LENGTH)
    )


def normalise_tracking_code(typed: str) -> str:
    """A tracking code as typed (any case, spaces or hyphens) in its stored form."""
    return "".join(ch for ch in (typed or "").lower() if ch.isalnum())[:16]


class ComplaintCategory(models.TextChoices):
    """What a complaint is about."""

    SERVICE = "service", pgettext_lazy("complaint category", "The care or service given")
    STAFF = "staff", pgettext_lazy("complaint category", "How staff behaved")
    SAFETY = "safety", pgettext_lazy("complaint category", "Safety or hygiene")
    MEALS = "meals", pgettext_lazy("complaint category", "Meals")
    FEES = "fees", pgettext_lazy("complaint category", "Fees or charges")
    OTHER = "other", pgettext_lazy("complaint category", "Something else")


class Answerer(models.TextChoices):
    """Who answered a complaint."""

    PROVIDER = "provider", pgettext_lazy("complaint answerer", "The provider")
    BUREAU = "bureau", pgettext_lazy("complaint answerer", "The bureau")


class ComplaintState(models.TextChoices):
    """Where a complaint stands (derived from its dates, never stored)."""

    WAITING = "waiting", pgettext_lazy("complaint state", "Waiting for an answer")
    ESCALATED = "escalated", pgettext_lazy("complaint state", "Late: with the bureau")
    ANSWERED = "answered", pgettext_lazy("complaint state", "Answered")
    RATED = "rated", pgettext_lazy("complaint state", "Answer rated")


class Complaint(models.Model):
    """One resident's complaint about one service site: what it is about and what happened,
    how to reach the resident (optional), when the provider must answer, the answer, and the
    resident's rating of the answer."""

    site = models.ForeignKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    category = models.CharField(
        pgettext_lazy("complaint", "about"), max_length=20, choices=ComplaintCategory.choices
    )
    description = models.TextField(_("what happened"), max_length=DESCRIPTION_MAX)
    contact = models.CharField(_("how to reach the resident"), max_length=CONTACT_MAX, blank=True)
    respondent = models.CharField(
        pgettext_lazy("complaint", "filed by"),
        max_length=20,
        choices=Respondent.choices,
        default=Respondent.RESIDENT,
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    answer_due_on = models.DateField(_("answer due on"))
    answer = models.TextField(pgettext_lazy("complaint", "answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_as = models.CharField(
        _("answered for"), max_length=20, choices=Answerer.choices, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("rating of the answer"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-filed_at"]
        indexes = [
            models.Index(fields=["site", "filed_at"], name="complaint_site_time"),
            models.Index(fields=["answered_at", "answer_due_on"], name="complaint_open_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX, answered_at__isnull=False),
                name="complaint_rating_1_to_5_once_answered",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answered_as="")
                | (Q(answered_at__isnull=False) & ~Q(answered_as="")),
                name="complaint_answer_has_answerer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} · {self.display_code}"

    @property
    def display_code(self) -> str:
        """The tracking code as shown and printed: upper case, in two groups."""
        code = self.tracking_code.upper()
        return f"{code[:TRACKING_GROUP_LENGTH]}-{code[TRACKING_GROUP_LENGTH:]}"

    def is_late(self, today: date | None = None) -> bool:
        """Unanswered past its due date: the complaint is with the bureau."""
        today = today or timezone.localdate()
        return self.answered_at is None and self.answer_due_on < today

    def answered_on_time(self) -> bool | None:
        """Whether the answer came by its due date (None while unanswered)."""
        if self.answered_at is None:
            return None
        return timezone.localdate(self.answered_at) <= self.answer_due_on

    def state(self, today: date | None = None) -> str:
        """Where the complaint stands (``ComplaintState``)."""
        if self.rating is not None:
            return ComplaintState.RATED
        if self.answered_at is not None:
            return ComplaintState.ANSWERED
        return ComplaintState.ESCALATED if self.is_late(today) else ComplaintState.WAITING

    def get_state_display(self, today: date | None = None) -> str:
        return ComplaintState(self.state(today)).label
