"""The public page of a tender, one per language: what is bought, for how much, by when and
how bids are scored. Its process (bids, questions, awards) belongs to its ``Tender``, which
follows the approved page. Status comes from the clock, the cancellation and the award."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from cms.blocks import BodyStreamBlock
from cms.models.pages import CachedViewRestrictionsMixin, ChineseSearchMixin
from incubator.models import Organisation
from tenders.choices import ServiceCategory, TenderStatus
from tenders.page_forms import TenderCopyForm, TenderPageForm
from tenders.rules import criteria_problems

from .page_context import tender_page_context
from .querysets import TenderPageQuerySet
from .tender import FOLLOWED_FIELDS, Tender


class TenderPage(CachedViewRestrictionsMixin, ChineseSearchMixin, Page):
    """One government service tender: what is bought, for how much, by when, from whom, and
    how bids are scored. Published through the tender approval workflow."""

    reference = models.CharField(
        _("reference"),
        max_length=40,
        help_text=_("The procurement reference, e.g. TCMZ-2026-007; the same in every language."),
    )
    commissioning_body = models.CharField(
        _("commissioning body"), max_length=200, help_text=_("Who buys the service.")
    )
    category = models.CharField(
        _("service category"), max_length=30, choices=ServiceCategory.choices
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Shown in lists and feeds; two sentences.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    budget_ceiling = models.DecimalField(
        _("budget ceiling (RMB)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The most the bureau will pay; bids above it are not compliant."),
    )
    contract_months = models.PositiveSmallIntegerField(
        _("contract period (months)"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Usually 12; never more than 36."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("Bids are accepted from this time (China Standard Time).")
    )
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Bids are accepted until just before this time.")
    )
    clarification_cutoff_hours = models.PositiveSmallIntegerField(
        _("questions close (hours before the deadline)"),
        default=72,
        help_text=_("Organisations may ask questions until this many hours before the deadline."),
    )
    eligible_stages = models.JSONField(
        _("stages that may bid"),
        default=list,
        blank=True,
        help_text=_("Leave empty to allow incubating and graduated organisations."),
    )
    credit_code_required = models.BooleanField(
        _("registered credit code required"),
        default=True,
        help_text=_("Only organisations with a unified social credit code may bid."),
    )
    min_months_incubated = models.PositiveSmallIntegerField(
        _("minimum months incubated"), default=0
    )
    no_poor_grade_years = models.PositiveSmallIntegerField(
        _("no Poor grade within (years)"),
        default=0,
        validators=[MaxValueValidator(5)],
        help_text=_(
            "Refuse organisations with a contract period graded Poor (差) in this many years "
            "before the deadline; 0 for no such rule."
        ),
    )
    required_documents = models.TextField(
        _("required documents"),
        blank=True,
        help_text=_("What every bid must attach, one item per line."),
    )
    cancelled_at = models.DateTimeField(
        _("cancelled at"),
        null=True,
        blank=True,
        help_text=_("Set only to cancel the tender; the page then says it was cancelled."),
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Set by the first save (the tender takes the id of its first page); never null after.
    tender = models.ForeignKey(
        Tender,
        verbose_name=_("tender"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="pages",
    )

    objects = PageManager.from_queryset(TenderPageQuerySet)()
    base_form_class = TenderPageForm
    # Shown when deleting is refused (see ``deletion_refused``).
    deletion_advice = _(
        "To stop the tender, cancel it instead: fill in “cancelled at” and the reason under "
        "Cancellation on its edit page, then submit it for approval."
    )
    # A copy is a new procurement: never cancelled, and (tenders.copying) with its own reference.
    # A translation joins the tender of its group and a copy makes its own (see ``save``).
    exclude_fields_in_copy = ["cancelled_at", "cancellation_reason", "tender"]
    copy_form_class = TenderCopyForm

    parent_page_types = ["tenders.TenderIndexPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("reference"),
                FieldPanel("commissioning_body"),
                FieldPanel("category"),
                FieldPanel("summary"),
            ],
            heading=_("The tender"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("budget_ceiling"), FieldPanel("contract_months")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldPanel("clarification_cutoff_hours"),
            ],
            heading=_("Money and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligible_stages"),
                FieldPanel("credit_code_required"),
                FieldPanel("min_months_incubated"),
                FieldPanel("no_poor_grade_years"),
                FieldPanel("required_documents"),
            ],
            heading=_("Eligibility"),
        ),
        InlinePanel("criteria", heading=_("Evaluation criteria"), min_num=1),
        InlinePanel("documents", heading=_("Tender documents")),
        MultiFieldPanel(
            [FieldPanel("cancelled_at"), FieldPanel("cancellation_reason")],
            heading=_("Cancellation"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("reference"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("cjk_search_text"),
        index.FilterField("category"),
    ]
    cjk_text_fields = ("summary", "commissioning_body")
    cjk_stream_fields = ("body",)

    class Meta:
        verbose_name = _("tender page")
        verbose_name_plural = _("tender pages")
        # The public list, newest deadline first, a page at a time.
        indexes = [models.Index(fields=["-deadline", "-page_ptr"], name="tender_page_by_deadline")]

    def clean(self):
        super().clean()
        if self.alias_of_id:
            raise ValidationError(
                _("A tender cannot be an alias: copy it as a draft with its own reference instead.")
            )
        errors = {}
        if self.opens_at and self.deadline and self.opens_at >= self.deadline:
            errors["deadline"] = _("The deadline must be after the opening time.")
        if self.reference:
            clash = (
                TenderPage.objects.filter(reference=self.reference)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                errors["reference"] = _("Another tender already has this reference.")
        stages = set(self.eligible_stages or [])
        if stages - set(Organisation.Stage.values):
            errors["eligible_stages"] = _("Unknown stage in the list of stages that may bid.")
        if errors:
            raise ValidationError(errors)
        # The editor's form checks the criteria it holds; the instance's own are stale then.
        if getattr(self, "_criteria_checked_by_form", False):
            return
        problems = criteria_problems(list(self.criteria.all()))
        if problems:
            raise ValidationError(problems)

    def deletion_refused(self):
        """A tender that was ever published is a public notice and the anchor of its
        procurement record: never deleted, whether or not anyone bid (which this message must
        not tell before the deadline)."""
        tender = Tender.objects.filter(pk=self.tender_id).first()
        ever_published = tender is not None and tender.first_published_at is not None
        if not ever_published and self.first_published_at is None:
            return None
        return _(
            "The tender “%(title)s” was published, so it cannot be deleted: its notice and "
            "everything done under it (questions, bids, evaluation, award) are part of the "
            "procurement record. %(advice)s"
        ) % {"title": self.title, "advice": self.deletion_advice}

    def save(self, *args, **kwargs):
        """Save the page and keep its tender in step: a new group's first page makes the
        tender (with the page's id), a translation joins its group's tender, and the approved
        page's language-independent facts become the tender's."""
        result = super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if self.tender_id is None:
            self.tender = Tender.for_page(self)
            TenderPage.objects.filter(pk=self.pk).update(tender=self.tender)
        elif fields is None or set(fields) & set(FOLLOWED_FIELDS):
            self.tender.follow(self)
        return result

    def with_content_json(self, content):
        """A revision as a page of this tender: revisions copied with a page (or saved before
        tenders had rows) name another tender, or none."""
        page = super().with_content_json(content)
        page.tender_id = self.tender_id
        return page

    # --- derived facts -------------------------------------------------------------

    @property
    def clarification_cutoff(self):
        return self.deadline - timedelta(hours=self.clarification_cutoff_hours)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.cancelled_at is None and self.opens_at <= now < self.deadline

    def is_past_deadline(self, now=None) -> bool:
        return (now or timezone.now()) >= self.deadline

    def status(self, now=None) -> str:
        """The derived status; uses ``with_state`` annotations when present."""
        now = now or timezone.now()
        if self.cancelled_at is not None:
            return TenderStatus.CANCELLED
        if now < self.opens_at:
            return TenderStatus.UPCOMING
        if now < self.deadline:
            return TenderStatus.OPEN
        awarded = getattr(self, "_awarded", None)
        evaluating = getattr(self, "_evaluating", None)
        if awarded is None or evaluating is None:
            state = (
                TenderPage.objects.filter(pk=self.pk)
                .with_state()
                .values("_awarded", "_evaluating")[0]
            )
            awarded, evaluating = state["_awarded"], state["_evaluating"]
            # Kept for the rest of this request: the page and its template ask more than once.
            self._awarded, self._evaluating = awarded, evaluating
        if awarded:
            return TenderStatus.AWARDED
        return TenderStatus.UNDER_EVALUATION if evaluating else TenderStatus.CLOSED

    @property
    def current_status(self) -> str:
        return self.status()

    @property
    def current_status_label(self):
        return TenderStatus(self.status()).label

    def price_criterion(self):
        return next((c for c in self.tender.criteria if c.is_price), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(tender_page_context(self, request))
        return context
