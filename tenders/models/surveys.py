"""Residents' satisfaction surveys: the bureau sets the questions per service category and
schedules a survey per contract (its questions fixed then); residents answer each question
from one to five on the public page of any of the contract's sites, without an account; the
result becomes the contract's satisfaction KPI for the reporting period the survey closes in."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenders.choices import ServiceCategory
from tenders.models.feedback import RATING_MAX, RATING_MIN


class SurveyQuestion(models.Model):
    """A question the bureau asks residents about every contract of one service category."""

    category = models.CharField(
        _("service category"), max_length=30, choices=ServiceCategory.choices
    )
    text = models.CharField(
        pgettext_lazy("survey", "question"),
        max_length=200,
        help_text=_("As residents read it, in Chinese; answered from 1 (very unhappy) to 5."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["category", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Survey(models.Model):
    """A satisfaction survey of one contract's residents, open from ``opens_on`` to
    ``closes_on`` (both days included), asking the questions chosen when it was scheduled."""

    contract = models.ForeignKey(
        "tenders.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    questions = models.ManyToManyField(
        SurveyQuestion, verbose_name=_("questions"), related_name="surveys"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.opens_on:%Y-%m-%d}–{self.closes_on:%Y-%m-%d}"

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on


class SurveyAnswer(models.Model):
    """One resident's rating of one question of a survey. A device answers a survey once
    (its keyed hash, as for feedback), so one phone cannot stuff the result."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion,
        verbose_name=pgettext_lazy("survey", "question"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    site = models.ForeignKey(
        "tenders.ServiceSite",
        verbose_name=_("service site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_answers",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    device = models.CharField(_("device mark"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["survey", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="survey_answer_rating_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["survey", "device", "question"], name="survey_answer_once_per_device"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.rating}/5"
