"""The tender itself, apart from its pages: one row per procurement, whatever the number of
languages it is published in. Bids, questions, evaluator rights, declarations, awards and
contracts belong to it; each language page points at it. Its process facts (reference,
dates, ceiling, eligibility) follow the approved page (see ``TenderPage.save``)."""

from datetime import timedelta

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.coreutils import get_supported_content_language_variant

from tenders.choices import TenderStatus

from .awards import TenderAward
from .object_permissions import TenderUserObjectPermission
from .page_parts import TenderCriterion
from .querysets import TenderQuerySet

# The page fields that are the same in every language and that the process reads: copied from
# the approved page to the tender.
FOLLOWED_FIELDS = (
    "reference",
    "opens_at",
    "deadline",
    "clarification_cutoff_hours",
    "cancelled_at",
    "budget_ceiling",
    "eligible_stages",
    "credit_code_required",
    "min_months_incubated",
    "no_poor_grade_years",
)


class Tender(models.Model):
    """One procurement: the language-independent anchor of its bids, questions, evaluator
    rights, declarations, awards and contracts. Its id is the id of the page it was first
    written on (its source page), so links made before the tenders had rows of their own, and
    links made from any language, keep resolving."""

    id = models.IntegerField(primary_key=True)
    translation_key = models.UUIDField(_("translation key"), unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=40, db_index=True)
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"))
    clarification_cutoff_hours = models.PositiveSmallIntegerField(
        _("questions close (hours before the deadline)"), default=72
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    budget_ceiling = models.DecimalField(_("budget ceiling (RMB)"), max_digits=12, decimal_places=2)
    eligible_stages = models.JSONField(_("stages that may bid"), default=list, blank=True)
    credit_code_required = models.BooleanField(_("registered credit code required"), default=True)
    min_months_incubated = models.PositiveSmallIntegerField(
        _("minimum months incubated"), default=0
    )
    no_poor_grade_years = models.PositiveSmallIntegerField(
        _("no Poor grade within (years)"), default=0
    )
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True)

    objects = TenderQuerySet.as_manager()

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        permissions = [("evaluate_tender", _("Can evaluate the tender"))]
        # Lists of tenders and of their bids, latest deadline first, a page at a time.
        indexes = [models.Index(fields=["deadline", "id"], name="tender_by_deadline")]

    def __str__(self) -> str:
        return self.reference

    def deletion_refused(self):
        """Never deleted: it is the procurement record its pages and process hang off (no
        screen offers it; this is the message should anything try)."""
        return _(
            "The tender “%(reference)s” cannot be deleted: it is the record of its "
            "procurement. Cancel it on its page instead."
        ) % {"reference": self.reference}

    @staticmethod
    def of(tender_or_page) -> "Tender":
        """The tender of a tender page, or the tender itself."""
        return tender_or_page if isinstance(tender_or_page, Tender) else tender_or_page.tender

    # --- kept in step with the pages ------------------------------------------------

    @classmethod
    def for_page(cls, page) -> "Tender":
        """The tender of ``page``'s translation group, created from the page when it is the
        first page of its group."""
        tender = cls.objects.filter(translation_key=page.translation_key).first()
        if tender is None:
            tender = cls(id=page.pk, translation_key=page.translation_key)
        tender.follow(page, force=tender._state.adding)
        return tender

    def follow(self, page, *, force: bool = False) -> None:
        """Take the language-independent facts of ``page`` when it is the source page and
        approved (live), or while the tender was never published. A translation joins the
        tender but does not change its facts: the source page governs, as it always did."""
        if not force and (page.pk != self.pk or not (page.live or not self.first_published_at)):
            return
        for name in FOLLOWED_FIELDS:
            setattr(self, name, getattr(page, name))
        published = [m for m in (self.first_published_at, page.first_published_at) if m]
        self.first_published_at = min(published) if published else None
        self.save()

    # --- the pages ------------------------------------------------------------------

    def _pages(self) -> list:
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "pages" in cache:
            return sorted(cache["pages"], key=lambda page: page.pk)
        if "_page_list" not in self.__dict__:
            self.__dict__["_page_list"] = list(self.pages.select_related("locale").order_by("pk"))
        return self.__dict__["_page_list"]

    def page_in(self, language: str | None = None):
        """The tender's page in ``language`` (the active language by default), else its
        source page: one query, none when ``pages`` is prefetched with their locales."""
        pages = self._pages()
        try:
            code = get_supported_content_language_variant(language or translation.get_language())
        except LookupError:
            code = None
        in_language = [page for page in pages if page.locale.language_code == code]
        live = [page for page in in_language if page.live]
        return (live or in_language or [self.source_page])[0]

    @property
    def source_page(self):
        """The page the tender was first written on (its criteria are the ones scored); the
        oldest page left if that one was deleted before publication."""
        pages = self._pages()
        return next((page for page in pages if page.pk == self.pk), pages[0] if pages else None)

    @cached_property
    def page(self):
        """The page in the visitor's language."""
        return self.page_in()

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def criteria(self):
        """The evaluation criteria scored: those of the source page."""
        return TenderCriterion.objects.filter(page_id=self.pk)

    # --- derived facts ----------------------------------------------------------------

    @property
    def clarification_cutoff(self):
        return self.deadline - timedelta(hours=self.clarification_cutoff_hours)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.cancelled_at is None and self.opens_at <= now < self.deadline

    def is_past_deadline(self, now=None) -> bool:
        return (now or timezone.now()) >= self.deadline

    def may_ask(self, now=None) -> bool:
        """Whether questions are taken: open, and before the cut-off."""
        now = now or timezone.now()
        return self.is_open(now) and now < self.clarification_cutoff

    def standing_award(self):
        """The award that stands (not set aside), with its winner; None before one."""
        return self.awards.exclude(status="set_aside").select_related("bid__organisation").first()

    def status(self, now=None) -> str:
        """The derived status, as the pages show it."""
        now = now or timezone.now()
        if self.cancelled_at is not None:
            return TenderStatus.CANCELLED
        if now < self.opens_at:
            return TenderStatus.UPCOMING
        if now < self.deadline:
            return TenderStatus.OPEN
        if not hasattr(self, "_state_flags"):
            # One query, kept for the rest of the request: pages ask more than once.
            awards = TenderAward.objects.filter(tender=OuterRef("pk")).exclude(status="set_aside")
            evaluators = TenderUserObjectPermission.objects.filter(
                content_object=OuterRef("pk"), permission__codename="evaluate_tender"
            )
            self._state_flags = (
                Tender.objects.filter(pk=self.pk)
                .annotate(awarded=Exists(awards), evaluating=Exists(evaluators))
                .values_list("awarded", "evaluating")[0]
            )
        awarded, evaluating = self._state_flags
        if awarded:
            return TenderStatus.AWARDED
        return TenderStatus.UNDER_EVALUATION if evaluating else TenderStatus.CLOSED

    @property
    def current_status_label(self):
        return TenderStatus(self.status()).label
