"""The parts of a tender page: its evaluation criteria and its published documents."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class TenderCriterion(Orderable):
    """One evaluation criterion of a tender, with its weight out of 100; the price criterion
    is scored by formula, the others by the evaluators."""

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
