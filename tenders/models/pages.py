"""The public tender pages: an index per language tree and one page per tender, with its
evaluation criteria. Status comes from the clock, the cancellation and the award."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from cms.models.pages import CachedViewRestrictionsMixin, ChineseSearchMixin
from cms.pagecache import cached, public
from incubator.models import Organisation
from tenders.page_forms import TenderCopyForm, TenderPageForm
from tenders.rules import criteria_problems


class ServiceCategory(models.TextChoices):
    """What kind of public service a tender buys."""

    ELDERLY_DAY_CARE = "elderly_day_care", _("Elderly day care")
    HOME_CARE = "home_care", _("Home care")
    COMMUNITY = "community", _("Community services")
    VOLUNTEERING = "volunteering", _("Volunteering")
    CHILDREN_YOUTH = "children_youth", _("Children and youth")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    OTHER = "other", _("Other")


class TenderStatus(models.TextChoices):
    """Where a tender stands; derived, never stored."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for bids")
    CLOSED = "closed", _("Closed")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class TenderPageQuerySet(PageQuerySet):
    """Tender pages with what their status needs, computed in the database."""

    def with_state(self):
        from tenders.models.awards import TenderAward
        from tenders.models.object_permissions import TenderUserObjectPermission

        awards = TenderAward.objects.filter(
            tender__translation_key=OuterRef("translation_key")
        ).exclude(status=TenderAward.Status.SET_ASIDE)
        evaluators = TenderUserObjectPermission.objects.filter(
            content_object__translation_key=OuterRef("translation_key"),
            permission__codename="evaluate_tender",
        )
        return self.annotate(_awarded=Exists(awards), _evaluating=Exists(evaluators))

    def canonical(self):
        """One page per tender: the first of each translation group, which bids, questions
        and awards belong to."""
        firsts = (
            TenderPage.objects.order_by()
            .values("translation_key")
            .annotate(first=Min("pk"))
            .values("first")
        )
        return self.filter(pk__in=firsts)

    @staticmethod
    def status_conditions(now=None) -> dict[str, Q]:
        """The condition of each derived status (on ``with_state`` annotations) at ``now``."""
        now = now or timezone.now()
        live = Q(cancelled_at__isnull=True)
        return {
            TenderStatus.UPCOMING: live & Q(opens_at__gt=now),
            TenderStatus.OPEN: live & Q(opens_at__lte=now, deadline__gt=now),
            TenderStatus.CLOSED: live & Q(deadline__lte=now, _awarded=False, _evaluating=False),
            TenderStatus.UNDER_EVALUATION: live
            & Q(deadline__lte=now, _awarded=False, _evaluating=True),
            TenderStatus.AWARDED: live & Q(_awarded=True),
            TenderStatus.CANCELLED: Q(cancelled_at__isnull=False),
        }

    def with_status(self, status: str, now=None):
        """Filter by a derived status (after ``with_state``)."""
        conditions = self.status_conditions(now)
        return self.filter(conditions[status]) if status in conditions else self


TENDERS_PER_PAGE = 20
LAST_PAGE = 10_000  # far past any real list, and an offset every database can take


def _page_number(value) -> int:
    """The page asked for in the query string; the first for anything but a positive number,
    and never past ``LAST_PAGE``."""
    try:
        return min(max(1, int(value)), LAST_PAGE)
    except (TypeError, ValueError):
        return 1


def _page_url(request, number: int) -> str:
    """The same list with the same filters, on page ``number``."""
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


class TenderIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, ChineseSearchMixin, Page):
    """Lists the tenders of one language tree, with filters, a search box and a feed."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tenders.TenderPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)

    class Meta:
        verbose_name = _("tender index page")
        verbose_name_plural = _("tender index pages")

    def tenders(self):
        """The live public tenders of this index, newest deadline first, with their state."""
        return (
            public(TenderPage.objects.live().child_of(self))
            .with_state()
            .order_by("-deadline", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from tenders.forms import TenderFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = TenderFilterForm(request.GET or None)
        tenders = self.tenders()
        if form.is_valid():
            tenders = form.filter(tenders)
        # A page of tenders and one more, to know whether a next page exists without counting.
        number = _page_number(request.GET.get("page"))
        start = (number - 1) * TENDERS_PER_PAGE
        window = list(tenders[start : start + TENDERS_PER_PAGE + 1])
        context.update(
            filter_form=form,
            tenders=window[:TENDERS_PER_PAGE],
            previous_url=_page_url(request, number - 1) if number > 1 else None,
            next_url=_page_url(request, number + 1) if len(window) > TENDERS_PER_PAGE else None,
        )
        return context

    def route(self, request, path_components):
        """A tender below the index in one query (the specific page straight away); the
        index's own routes (the list, the feed) as before."""
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                tender = TenderPage.objects.child_of(self).filter(slug=path_components[0]).first()
                if tender is not None:
                    tender._cached_parent_obj = self
                    return tender.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from tenders.feeds import TenderFeed

        return TenderFeed()(request, index=self)


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

    objects = PageManager.from_queryset(TenderPageQuerySet)()
    base_form_class = TenderPageForm
    # Shown when deleting is refused (see ``deletion_refused``).
    deletion_advice = _(
        "To stop the tender, cancel it instead: fill in “cancelled at” and the reason under "
        "Cancellation on its edit page, then submit it for approval."
    )
    # A copy is a new procurement: never cancelled, and (tenders.copying) with its own reference.
    exclude_fields_in_copy = ["cancelled_at", "cancellation_reason"]
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
        permissions = [("evaluate_tender", _("Can evaluate the tender"))]

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
        if self.canonical.first_published_at is None and self.first_published_at is None:
            return None
        return _(
            "The tender “%(title)s” was published, so it cannot be deleted: its notice and "
            "everything done under it (questions, bids, evaluation, award) are part of the "
            "procurement record. %(advice)s"
        ) % {"title": self.title, "advice": self.deletion_advice}

    # --- derived facts -------------------------------------------------------------

    @cached_property
    def canonical(self) -> "TenderPage":
        """The tender all bids, questions and awards belong to: the first page of its
        translation group, so each language version shows the same process."""
        first_pk = cached(
            f"canonical:{self.translation_key}",
            lambda: (
                TenderPage.objects.filter(translation_key=self.translation_key)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            ),
        )
        if first_pk is None or first_pk == self.pk:
            return self
        first = TenderPage.objects.filter(pk=first_pk).first()
        if first is None:
            return self
        first.__dict__["canonical"] = first  # the first page is its own canonical tender
        return first

    @property
    def clarification_cutoff(self):
        from datetime import timedelta

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
        return next((c for c in self.canonical.criteria.all() if c.is_price), None)

    def get_context(self, request, *args, **kwargs):
        from tenders.selectors import tender_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(tender_page_context(self, request))
        return context


class TenderCriterion(Orderable):
    """One evaluation criterion of a tender, with its weight out of 100; the price criterion
    is scored by formula, the others by the evaluators."""

    page = ParentalKey(TenderPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what evaluators look for"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_price = models.BooleanField(
        _("price criterion"),
        default=False,
        help_text=_("Scored by formula: lowest compliant price / bid price × weight."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("is_price")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class TenderDocument(Orderable):
    """A published tender document (terms of reference, forms) from the document library."""

    page = ParentalKey(TenderPage, on_delete=models.CASCADE, related_name="documents")
    # Deleting a document leaves the row (and the page) standing: the tender page shows the
    # item as no longer available and the editor is asked to review the page.
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(
        _("link text"),
        max_length=160,
        blank=True,
        help_text=_("Leave blank to use the document's own title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tender document")
        verbose_name_plural = _("tender documents")

    def __str__(self) -> str:
        if self.title:
            return self.title
        return self.document.title if self.document else gettext("A document")
