"""Bids of organisations for tenders, their private attachments, and public clarification
questions. A bid is sealed until the tender's deadline: see ``tenders.selectors``."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.models.attachments import PrivateAttachment


class TenderBid(models.Model):
    """An organisation's bid for a tender: its proposal, price and declaration. One live bid
    (draft or submitted) per organisation and tender; nothing changes after the deadline."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISQUALIFIED = "disqualified", _("Disqualified")

    # A submitted bid may be submitted again (changed) while the tender is open.
    ALLOWED_MOVES = {
        Status.DRAFT: {Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.SUBMITTED, Status.WITHDRAWN, Status.DISQUALIFIED},
        Status.WITHDRAWN: set(),
        Status.DISQUALIFIED: set(),
    }
    LIVE = (Status.DRAFT, Status.SUBMITTED)
    # Bids that reached the deadline and are read by the evaluation.
    SEALED = (Status.SUBMITTED, Status.DISQUALIFIED)

    tender = models.ForeignKey(
        "tenders.Tender",
        verbose_name=_("tender"),
        on_delete=models.PROTECT,
        related_name="bids",
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="tender_bids",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    method_statement = models.TextField(
        _("method statement"), blank=True, help_text=_("How you will deliver the service.")
    )
    staffing_plan = models.TextField(
        _("staffing plan"), blank=True, help_text=_("Who will deliver it, with qualifications.")
    )
    price = models.DecimalField(
        _("price (RMB)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    declaration = models.BooleanField(
        _("declaration"),
        default=False,
        help_text=_(
            "We declare that this bid is true and complete, and that we have not colluded "
            "with any other bidder."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    disqualified_at = models.DateTimeField(_("disqualified at"), null=True, blank=True)
    disqualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disqualified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disqualification_reason = models.TextField(_("reason for disqualifying"), blank=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["tender", "organisation__name"]
        # The bids list: by tender (latest deadline first), cheapest first within one.
        indexes = [models.Index(fields=["tender", "price", "id"], name="tender_bid_by_price")]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "organisation"],
                condition=Q(status__in=["draft", "submitted"]),
                name="tender_bid_one_live_per_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status="disqualified") | ~Q(disqualification_reason=""),
                name="tender_bid_disqualified_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(price__isnull=False, declaration=True),
                name="tender_bid_submitted_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender.reference} · {self.organisation}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class TenderBidAttachment(PrivateAttachment):
    """A private file attached to a bid (method statement, CVs, accounts)."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    bid = models.ForeignKey(
        TenderBid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = PrivateFileField(_("file"), upload_to=private_upload_to("tender-bids"))

    class Meta:
        verbose_name = _("bid attachment")
        verbose_name_plural = _("bid attachments")
        ordering = ["uploaded_at", "pk"]


class TenderClarification(models.Model):
    """A question an organisation asked about a tender, and the bureau's answer. Answered
    questions are public on the tender page, without the asker's name."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    tender = models.ForeignKey(
        "tenders.Tender",
        verbose_name=_("tender"),
        on_delete=models.CASCADE,
        related_name="clarifications",
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    question = models.TextField(_("question"), max_length=2000)
    asked_at = models.DateTimeField(_("asked at"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clarification question")
        verbose_name_plural = _("clarification questions")
        ordering = ["asked_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="tender_clarification_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:60]
