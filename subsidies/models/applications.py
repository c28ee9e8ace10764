from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.models.attachments import PrivateAttachment

from .schemes import POSITIVE, Qualification, Scheme


def _money(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def _actor(verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class SubsidyApplication(models.Model):
    """An organisation's application under a scheme: staff lines, the amount the rules make
    eligible, the hub manager's recommendation, the bureau's decision, and what has been paid.
    ``approved_amount`` is what the scheme's envelope committed; ``disbursed_total`` is kept by
    the disbursement service with a conditional update."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        RECOMMENDED = "recommended", _("Recommended")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DISBURSING = "disbursing", _("Being paid")
        COMPLETED = "completed", _("Paid in full")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ALLOWED_MOVES = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.RECOMMENDED, Status.RETURNED, Status.WITHDRAWN},
        Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.RECOMMENDED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
        # A first tranche moves an approval to disbursing, or straight to completed when it
        # pays everything; further tranches keep it disbursing until the last one.
        Status.APPROVED: {Status.DISBURSING, Status.COMPLETED},
        Status.DISBURSING: {Status.DISBURSING, Status.COMPLETED},
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
        Status.COMPLETED: set(),
    }
    # The organisation may change lines and attachments only in these.
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # Dead applications: the organisation may apply to the scheme again.
    CLOSED = (Status.WITHDRAWN, Status.REJECTED)
    # Approved: the amount is committed from the envelope.
    COMMITTED = (Status.APPROVED, Status.DISBURSING, Status.COMPLETED)

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    eligible_total = _money(_("eligible (RMB)"), default=Decimal("0.00"))
    proposed_amount = _money(
        _("amount recommended (RMB)"),
        null=True,
        blank=True,
        help_text=_("The hub manager's proposal, if lower than the eligible amount."),
    )
    recommendation_note = models.TextField(_("recommendation note"), blank=True)
    approved_amount = _money(_("approved (RMB)"), null=True, blank=True)
    disbursed_total = _money(_("disbursed (RMB)"), default=Decimal("0.00"))
    return_reason = models.TextField(_("reason for returning"), blank=True)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    conditions = models.TextField(
        _("conditions of the award"),
        blank=True,
        help_text=_("Printed in the award letter."),
    )
    award_letter = models.ForeignKey(
        "incubator.Letter",
        verbose_name=_("award letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = _actor(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = _actor(_("submitted by"))
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    recommended_by = _actor(_("recommended by"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = _actor(_("returned by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = _actor(_("decided by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = _actor(_("withdrawn by"))
    completed_at = models.DateTimeField(_("paid in full at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subsidy application")
        verbose_name_plural = _("subsidy applications")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("decide_subsidyapplication", _("Can approve or reject subsidy applications")),
            ("disburse_subsidyapplication", _("Can record subsidy disbursements")),
        ]
        indexes = [
            models.Index(fields=["scheme", "status"], name="subsidy_app_scheme_status"),
            # The back-office list, newest first, a page at a time.
            models.Index(fields=["-created_at", "-id"], name="subsidy_app_newest_first"),
            # The task lists' queues, oldest submission first: to recommend, to decide...
            models.Index(fields=["status", "submitted_at", "id"], name="subsidy_app_queue"),
            # ...and to pay, over two statuses, which one ordered index serves only this way.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status__in=["approved", "disbursing"]),
                name="subsidy_app_to_pay",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "organisation"],
                condition=~Q(status__in=["withdrawn", "rejected"]),
                name="subsidy_app_one_live_per_scheme",
            ),
            models.CheckConstraint(
                condition=Q(eligible_total__gte=0), name="subsidy_app_eligible_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | (Q(approved_amount__gt=0) & Q(approved_amount__lte=F("eligible_total"))),
                name="subsidy_app_approved_within_eligible",
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True)
                | (Q(proposed_amount__gt=0) & Q(proposed_amount__lte=F("eligible_total"))),
                name="subsidy_app_proposed_within_eligible",
            ),
            models.CheckConstraint(
                condition=Q(disbursed_total=0)
                | (
                    Q(approved_amount__isnull=False)
                    & Q(disbursed_total__gt=0)
                    & Q(disbursed_total__lte=F("approved_amount"))
                ),
                name="subsidy_app_disbursed_within_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="subsidy_app_returned_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="subsidy_app_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "disbursing", "completed"])
                | Q(approved_amount__isnull=False),
                name="subsidy_app_committed_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.scheme}"

    @property
    def left_to_pay(self) -> Decimal:
        """What remains to be disbursed of the approved amount."""
        return (self.approved_amount or Decimal("0.00")) - self.disbursed_total


class StaffLine(models.Model):
    """One staff member whose salary the application asks to subsidise. ``eligible_amount`` is
    computed by the server from the scheme's rules (``subsidies.eligibility``), never typed."""

    application = models.ForeignKey(
        SubsidyApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=60)
    title = models.CharField(_("role or title"), max_length=80)
    qualification = models.CharField(
        _("qualification"),
        max_length=20,
        choices=Qualification.choices,
        default=Qualification.NONE,
    )
    employment_started_on = models.DateField(_("employed since"))
    monthly_salary = _money(_("monthly salary (RMB)"), validators=POSITIVE)
    months = models.PositiveSmallIntegerField(
        _("months"), validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    eligible_amount = _money(_("eligible (RMB)"), editable=False)

    class Meta:
        verbose_name = _("staff line")
        verbose_name_plural = _("staff lines")
        ordering = ["application", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_salary__gt=0), name="staff_line_salary_positive"
            ),
            models.CheckConstraint(condition=Q(months__gte=1), name="staff_line_months_positive"),
            models.CheckConstraint(
                condition=Q(eligible_amount__gte=0), name="staff_line_eligible_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})"


class SubsidyAttachment(PrivateAttachment):
    """A private file supporting an application: payroll, social insurance records, other
    (its original name, upload time and uploader from ``PrivateAttachment``)."""

    class Kind(models.TextChoices):
        PAYROLL = "payroll", _("Payroll")
        SOCIAL_INSURANCE = "social_insurance", _("Social insurance records")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        SubsidyApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = PrivateFileField(_("file"), upload_to=private_upload_to("subsidy-attachments"))

    class Meta:
        verbose_name = _("subsidy attachment")
        verbose_name_plural = _("subsidy attachments")
        ordering = ["kind", "uploaded_at", "pk"]


class Disbursement(models.Model):
    """A tranche paid against an approval. With a condition milestone, the tranche could only
    be recorded once that milestone of the organisation's plan was verified."""

    application = models.ForeignKey(
        SubsidyApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    amount = _money(_("amount (RMB)"), validators=POSITIVE)
    paid_on = models.DateField(_("paid on"))
    payment_reference = models.CharField(
        _("payment reference"),
        max_length=80,
        help_text=_("The treasury or bank reference of the transfer."),
    )
    condition_milestone = models.ForeignKey(
        "incubator.Milestone",
        verbose_name=_("condition milestone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The milestone that had to be verified before this tranche."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = _actor(_("recorded by"))

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"¥{self.amount:,.2f} · {self.paid_on:%Y-%m-%d}"
