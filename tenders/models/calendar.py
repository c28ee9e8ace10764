"""The working-day calendar's human part: each year confirmed by an officer against the State
Council's notice, and the public record of award deadlines that a confirmation moved. The
holidays themselves come from the ``holidays`` package; the bureau's own overrides are
``CalendarDay`` rows (see ``tenders.services.calendar``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """An officer's confirmation that the working days of one year match the State Council's
    notice on that year's holidays. Until a year is confirmed, every deadline counted through
    it is provisional."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice_number = models.CharField(
        _("notice number"),
        max_length=80,
        help_text=_("The document number of the State Council General Office's notice (文号)."),
    )
    notice_published_on = models.DateField(
        _("notice published on"), help_text=_("The date the notice was published.")
    )
    note = models.TextField(_("note"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("confirmed calendar year")
        verbose_name_plural = _("confirmed calendar years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="calendar_year_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.notice_number}"


class AwardDeadlineChange(models.Model):
    """A change of an award's notice or challenge deadline after it was announced, because the
    calendar of a year it counts through was confirmed: published on the tender page and sent
    to the bidders, like a correction notice (更正公告)."""

    award = models.ForeignKey(
        "tenders.TenderAward",
        verbose_name=_("award"),
        on_delete=models.CASCADE,
        related_name="deadline_changes",
    )
    year = models.PositiveSmallIntegerField(_("calendar year confirmed"))
    old_notice_ends_on = models.DateField(_("notice period ended on"))
    new_notice_ends_on = models.DateField(_("notice period ends on"))
    old_challenge_ends_on = models.DateField(_("challenge window ended on"))
    new_challenge_ends_on = models.DateField(_("challenge window ends on"))
    announced_at = models.DateTimeField(_("announced at"))

    # Never listed in the page's "usage": it names the award and so the winner.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("award deadline change")
        verbose_name_plural = _("award deadline changes")
        ordering = ["announced_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_challenge_ends_on__gte=F("new_notice_ends_on")),
                name="award_deadline_change_challenge_after_notice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.old_challenge_ends_on} → {self.new_challenge_ends_on}"
