"""The parts of a tender page: its evaluation criteria and its published documents."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from tenders.rules import past_performance_rule


class TenderCriterion(Orderable):
    """One evaluation criterion of a tender, with its weight out of 100; the price criterion
    is scored by formula, the past-performance criterion (at most one) from the bidder's
    accepted performance grades (``tenders.services.past_performance``), the others by the
    evaluators."""

    page = ParentalKey("tenders.TenderPage", on_delete=models.CASCADE, related_name="criteria")
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
    is_past_performance = models.BooleanField(
        _("past-performance criterion"),
        default=False,
        # The rule with its years and neutral share, in the editor's language.
        help_text=lazy(past_performance_rule, str)(),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("weight"), FieldPanel("is_price"), FieldPanel("is_past_performance")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_price=True, is_past_performance=True),
                name="tender_criterion_price_or_past_performance",
                violation_error_message=_(
                    "A criterion cannot be both the price criterion and the past-performance "
                    "criterion."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"

    @property
    def is_judged(self) -> bool:
        """Scored by the evaluators (neither by the price formula nor from past grades)."""
        return not (self.is_price or self.is_past_performance)

    @property
    def scoring_rule(self) -> str:
        """How the past-performance criterion is scored, for the public page; blank otherwise."""
        return past_performance_rule() if self.is_past_performance else ""


class TenderDocument(Orderable):
    """A published tender document (terms of reference, forms) from the document library."""

    page = ParentalKey("tenders.TenderPage", on_delete=models.CASCADE, related_name="documents")
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
