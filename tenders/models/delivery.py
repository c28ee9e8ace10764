"""Contract delivery: the KPIs set at the award (from a template of the tender's service
category), the reporting schedule they create, and the provider's periodic reports with
their KPI actuals, evidence, the bureau's decision and the period's graded score."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.kernel.files import PrivateFileField, private_upload_to
from incubator.kernel.models.attachments import PrivateAttachment
from tenders.choices import ServiceCategory


class KpiGroup(models.TextChoices):
    """What a KPI measures, as the bureau's performance framework groups them."""

    BUDGET_EXECUTION = "budget_execution", _("Budget execution")
    OUTPUTS = "outputs", _("Outputs")
    OUTCOMES = "outcomes", _("Outcomes")
    SATISFACTION = "satisfaction", _("Satisfaction")


class KpiFrequency(models.TextChoices):
    """How often a KPI is measured."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    PER_PERIOD = "per_period", _("Each reporting period")


class Grade(models.TextChoices):
    """The graded performance of a period: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60."""

    EXCELLENT = "excellent", pgettext_lazy("performance grade", "Excellent")
    GOOD = "good", pgettext_lazy("performance grade", "Good")
    FAIR = "fair", pgettext_lazy("performance grade", "Fair")
    POOR = "poor", pgettext_lazy("performance grade", "Poor")


class _KpiFields(models.Model):
    """What a KPI says, whether in a template or in a contract."""

    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("E.g. hours, people, %."))
    method = models.TextField(
        _("method of measurement"), help_text=_("How the figure is counted and evidenced.")
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=KpiFrequency.choices, default=KpiFrequency.MONTHLY
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        validators=[MinValueValidator(1)],
        help_text=_("The KPI's share of the period's score, relative to the other KPIs."),
    )
    group = models.CharField(_("category"), max_length=20, choices=KpiGroup.choices)
    lower_is_better = models.BooleanField(
        _("lower is better"),
        default=False,
        help_text=_("For KPIs such as incidents: meeting the target means staying at or below it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True


class KpiTemplate(_KpiFields):
    """A KPI the bureau proposes for every contract of one service category; copied into the
    contract's KPIs when they are set, and changed there as the contract needs."""

    category = models.CharField(
        _("service category"), max_length=30, choices=ServiceCategory.choices
    )
    default_target = models.DecimalField(
        _("default target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("KPI template")
        verbose_name_plural = _("KPI templates")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="kpi_template_weight_positive"),
            models.CheckConstraint(
                condition=Q(default_target__gte=0), name="kpi_template_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.name}"


class ContractKpi(_KpiFields):
    """One KPI of a contract, set by the bureau after the award."""

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="kpis",
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("contract KPI")
        verbose_name_plural = _("contract KPIs")
        ordering = ["contract", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="contract_kpi_weight_positive"),
            models.CheckConstraint(
                condition=Q(target__gte=0), name="contract_kpi_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContractReport(models.Model):
    """The provider's report for one period of a contract: due some working days after the
    period ends; submitted, then accepted (with its score and grade) or returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report status", "Due")
        SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
        ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")
        RETURNED = "returned", pgettext_lazy("report status", "Returned")

    ALLOWED_MOVES = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.ACCEPTED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.ACCEPTED: set(),
    }
    OPEN = (Status.DRAFT, Status.RETURNED)

    # Never listed in the page's "usage": it would name the contract's organisation.
    wagtail_reference_index_ignore = True

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    period_starts_on = models.DateField(_("period starts on"))
    period_ends_on = models.DateField(_("period ends on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
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
    return_reason = models.TextField(_("reason for return"), blank=True)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("contract report")
        verbose_name_plural = _("contract reports")
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="contract_report_one_per_number"
            ),
            models.CheckConstraint(
                condition=Q(period_starts_on__lte=F("period_ends_on")),
                name="contract_report_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gt=F("period_ends_on")),
                name="contract_report_due_after_period",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="contract_report_score_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | (Q(score__isnull=False) & ~Q(grade="")),
                name="contract_report_accepted_has_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.period_starts_on:%Y-%m-%d}–{self.period_ends_on:%Y-%m-%d}"

    def is_overdue(self, today) -> bool:
        return self.status in self.OPEN and self.due_on < today


class ContractReportActual(models.Model):
    """The figure a report gives for one KPI of its contract."""

    report = models.ForeignKey(
        ContractReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="actuals"
    )
    kpi = models.ForeignKey(
        ContractKpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="actuals"
    )
    value = models.DecimalField(
        _("actual"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("KPI actual")
        verbose_name_plural = _("KPI actuals")
        ordering = ["kpi__position", "kpi__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kpi"], name="contract_report_actual_once"),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="contract_report_actual_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value}"


class ContractReportEvidence(PrivateAttachment):
    """A private file submitted with a report (name, time and uploader from
    ``PrivateAttachment``)."""

    report = models.ForeignKey(
        ContractReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = PrivateFileField(_("file"), upload_to=private_upload_to("contract-reports"))

    class Meta:
        verbose_name = _("report evidence")
        verbose_name_plural = _("report evidence")
        ordering = ["uploaded_at", "pk"]
