from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.models.attachments import PrivateAttachment


class MilestoneArea(models.TextChoices):
    """The capacity areas a milestone belongs to."""

    GOVERNANCE = "governance", _("Governance")
    FINANCE = "finance", _("Financial management")
    PEOPLE = "people", _("Human resources")
    SERVICE = "service", _("Service delivery")
    PARTNERSHIPS = "partnerships", _("Partnerships and contracts")
    MONITORING = "monitoring", _("Monitoring and evaluation")


class MilestoneTemplate(models.Model):
    """One milestone of a hub's framework. Admission copies the hub's active templates into the
    organisation's plan, due ``due_after_months`` after the incubation starts."""

    hub = models.ForeignKey(
        "incubator.Hub",
        verbose_name=_("hub"),
        on_delete=models.CASCADE,
        related_name="milestone_templates",
    )
    area = models.CharField(_("area"), max_length=20, choices=MilestoneArea.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What evidence shows the milestone is met.")
    )
    is_required = models.BooleanField(_("required for graduation"), default=True)
    due_after_months = models.PositiveSmallIntegerField(
        _("due after (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Months after the start of the incubation."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active milestones go into new plans.")
    )

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone framework")
        ordering = ["hub", "due_after_months", "area", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "title"], name="milestone_template_unique_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A milestone in an organisation's plan, with the evidence it submitted and the hub
    manager's decision."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SUBMITTED = "submitted", _("Evidence submitted")
        RETURNED = "returned", _("Returned")
        VERIFIED = "verified", _("Verified")

    ALLOWED_MOVES = {
        Status.PLANNED: {Status.SUBMITTED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.VERIFIED, Status.RETURNED},
        Status.VERIFIED: set(),
    }
    OPEN = (Status.PLANNED, Status.RETURNED)

    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    incubation = models.ForeignKey(
        "incubator.Incubation",
        verbose_name=_("incubation"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    template = models.ForeignKey(
        MilestoneTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.CharField(_("area"), max_length=20, choices=MilestoneArea.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_required = models.BooleanField(_("required for graduation"), default=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    evidence_note = models.TextField(_("evidence note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "area", "title"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="milestone_status_due"),
            # The overdue lists, oldest due first: the open milestones in the order they fell due
            # (the two open statuses in one ordered index, which the one above cannot give).
            # The incubation comes with the index (PostgreSQL), so that counting the overdue
            # ones of the whole city (the bureau's home page) never reads the table.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=["planned", "returned"]),
                include=["incubation"],
                name="milestone_open_by_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="milestone_returned_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        """Due before ``today`` and still waiting for the organisation's evidence."""
        return self.status in self.OPEN and self.due_on < today


class MilestoneEvidence(PrivateAttachment):
    """A private file submitted as evidence for a milestone (name, upload time and uploader
    from ``PrivateAttachment``)."""

    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = PrivateFileField(_("file"), upload_to=private_upload_to("milestone-evidence"))

    class Meta:
        verbose_name = _("milestone evidence")
        verbose_name_plural = _("milestone evidence")
        ordering = ["uploaded_at"]
