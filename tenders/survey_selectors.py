"""Who schedules residents' surveys, and the reads of surveys and their results (beside
``tenders.selectors``). Bureau officers schedule them; whoever sees a contract sees its
surveys' results; residents see only the open survey of a site, on its public page."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from tenders.models import Contract, ContractReport, KpiGroup, Survey
from tenders.selectors import contracts_user_may_set_kpis

GOOD_RATING = 4  # 4 and 5 of 5 count as satisfied


def contracts_user_may_schedule_surveys(user) -> QuerySet[Contract]:
    """Every contract for bureau officers (who also set its KPIs); none for anyone else."""
    return contracts_user_may_set_kpis(user)


def surveys_with_results(queryset: QuerySet[Survey] | None = None) -> QuerySet[Survey]:
    """Surveys with ``respondents`` (devices that answered), ``ratings`` and ``satisfied``
    (ratings of 4 or 5) counted in the same query."""
    queryset = Survey.objects.all() if queryset is None else queryset
    return queryset.annotate(
        respondents=Count("answers__device", distinct=True),
        ratings=Count("answers"),
        satisfied=Count("answers", filter=Q(answers__rating__gte=GOOD_RATING)),
    )


def satisfaction_rate(satisfied: int, ratings: int) -> Decimal | None:
    """The share of satisfied ratings in percent, to two decimals; None without ratings."""
    if not ratings:
        return None
    return (Decimal(100) * satisfied / ratings).quantize(Decimal("0.01"))


def open_survey(contract_id: int, today: date) -> Survey | None:
    """The contract's survey open on ``today`` (surveys of one contract never overlap)."""
    return (
        Survey.objects.filter(contract_id=contract_id, opens_on__lte=today, closes_on__gte=today)
        .prefetch_related("questions")
        .first()
    )


def survey_is_open(contract_id: int, today: date) -> bool:
    """Whether the contract has a survey open on ``today`` (one query)."""
    return Survey.objects.filter(
        contract_id=contract_id, opens_on__lte=today, closes_on__gte=today
    ).exists()


@dataclass(frozen=True)
class SurveyActual:
    """The satisfaction figure a report takes from a survey, for its satisfaction KPIs."""

    survey: Survey
    rate: Decimal
    respondents: int
    kpi_pks: frozenset[int]


def satisfaction_actual(report: ContractReport) -> SurveyActual | None:
    """The residents' survey result that is the report's satisfaction KPI actual: the latest
    survey of the contract closing within the report's period that has answers, if the
    contract has satisfaction KPIs; None otherwise (the provider then gives the figure)."""
    kpi_pks = frozenset(
        report.contract.kpis.filter(group=KpiGroup.SATISFACTION).values_list("pk", flat=True)
    )
    if not kpi_pks:
        return None
    survey = (
        surveys_with_results(
            Survey.objects.filter(
                contract_id=report.contract_id,
                closes_on__gte=report.period_starts_on,
                closes_on__lte=report.period_ends_on,
            )
        )
        .filter(ratings__gt=0)
        .order_by("-closes_on")
        .first()
    )
    if survey is None:
        return None
    return SurveyActual(
        survey=survey,
        rate=satisfaction_rate(survey.satisfied, survey.ratings),
        respondents=survey.respondents,
        kpi_pks=kpi_pks,
    )
