"""Whether an organisation may bid for a tender, and if not, why."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import Organisation
from incubator.templatetags.long_dates import long_date
from tenders.models import ContractReport, Grade

DEFAULT_STAGES = (Organisation.Stage.INCUBATING, Organisation.Stage.GRADUATED)
WRONG_STAGE = _("Only organisations that are %(stages)s may bid; yours is %(stage)s.")
NO_CREDIT_CODE = _("A unified social credit code is required; add it to your profile first.")
TOO_FEW_MONTHS = _(
    "At least %(required)s months of incubation are required; your organisation has %(months)s."
)
POOR_GRADE = _(
    "Organisations with a contract period graded Poor in the %(years)s years before the "
    "deadline may not bid; your organisation's period ending %(day)s was graded Poor."
)


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def months_incubated(organisation: Organisation, today: date) -> int:
    """Whole months the organisation has spent in incubation, all incubations together."""
    return sum(
        months_between(incubation.started_on, min(incubation.ended_on or today, today))
        for incubation in organisation.incubations.all()
    )


def years_before(day: date, years: int) -> date:
    """The same day ``years`` years before ``day`` (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def poor_grade_within(organisation: Organisation, *, years: int, until: date):
    """The latest accepted report of ``organisation`` graded Poor (差) whose period ended in
    the ``years`` years up to ``until``; None when there is none. One query."""
    return (
        ContractReport.objects.filter(
            contract__organisation=organisation,
            status=ContractReport.Status.ACCEPTED,
            grade=Grade.POOR,
            period_ends_on__gt=years_before(until, years),
            period_ends_on__lte=until,
        )
        .order_by("-period_ends_on")
        .only("period_ends_on")
        .first()
    )


def tender_eligibility(*, tender, organisation: Organisation, today: date | None = None) -> list:
    """The reasons ``organisation`` cannot bid for ``tender`` (a ``Tender``, or a page, which
    carries the same conditions); empty when it can."""
    today = today or timezone.localdate()
    reasons = []
    stages = tender.eligible_stages or list(DEFAULT_STAGES)
    if organisation.stage not in stages:
        labels = [str(Organisation.Stage(stage).label) for stage in stages]
        reasons.append(
            WRONG_STAGE % {"stages": " / ".join(labels), "stage": organisation.get_stage_display()}
        )
    if tender.credit_code_required and not organisation.credit_code:
        reasons.append(NO_CREDIT_CODE)
    if tender.min_months_incubated:
        months = months_incubated(organisation, today)
        if months < tender.min_months_incubated:
            reasons.append(
                TOO_FEW_MONTHS % {"required": tender.min_months_incubated, "months": months}
            )
    if tender.no_poor_grade_years:
        # Counted back from the deadline: the rule means the same on every day of the tender.
        poor = poor_grade_within(
            organisation,
            years=tender.no_poor_grade_years,
            until=timezone.localdate(tender.deadline),
        )
        if poor is not None:
            reasons.append(
                POOR_GRADE
                % {"years": tender.no_poor_grade_years, "day": long_date(poor.period_ends_on)}
            )
    return reasons
