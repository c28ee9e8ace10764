"""Evaluation: each assigned evaluator declares conflicts of interest against every bidder
before seeing any bid, then scores the non-price criteria of each compliant bid."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConflictGround(models.TextChoices):
    """Grounds for recusal under Article 9 of the Implementing Regulation of the Government
    Procurement Law (政府采购法实施条例第九条)."""

    NONE = "none", _("No conflict")
    EMPLOYMENT = (
        "employment",
        _("Employed by, or a board member or officer of, the bidder within the last 3 years"),
    )
    CONTROLLING_INTEREST = (
        "controlling_interest",
        _("Holds a controlling interest in, or is a partner of, the bidder"),
    )
    FAMILY = (
        "family",
        _(
            "Spouse, direct relative, sibling or close in-law of the bidder's legal "
            "representative or head"
        ),
    )
    OTHER = "other", _("Another relationship with the bidder that could affect fairness")


class EvaluatorDeclaration(models.Model):
    """An evaluator's conflict-of-interest declaration for one tender, covering every bidder.
    Any declared conflict recuses the evaluator from the whole tender."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    tender = models.ForeignKey(
        "tenders.Tender",
        verbose_name=_("tender"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="tender_declarations",
    )
    declared_at = models.DateTimeField(_("declared at"))
    recused = models.BooleanField(_("recused"), default=False)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "evaluator"], name="evaluator_declaration_once_per_tender"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender} · {self.evaluator}"


class ConflictLine(models.Model):
    """What an evaluator declared about one bidder."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    declaration = models.ForeignKey(
        EvaluatorDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    bid = models.ForeignKey(
        "tenders.TenderBid", verbose_name=_("bid"), on_delete=models.CASCADE, related_name="+"
    )
    ground = models.CharField(
        _("conflict"), max_length=30, choices=ConflictGround.choices, default=ConflictGround.NONE
    )
    details = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("declared relationship")
        verbose_name_plural = _("declared relationships")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "bid"], name="conflict_line_once"),
        ]

    def __str__(self) -> str:
        return self.get_ground_display()


class BidScore(models.Model):
    """An evaluator's score of one bid on one non-price criterion, within 0..weight."""

    # Never listed in the page's "usage": it would show who bid before the deadline.
    wagtail_reference_index_ignore = True

    bid = models.ForeignKey(
        "tenders.TenderBid", verbose_name=_("bid"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "tenders.TenderCriterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="tender_scores",
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("comment"))
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "criterion", "evaluator"], name="bid_score_once_per_evaluator"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="bid_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.score}"
