"""Demo data of residents' surveys on the day-care contract: one held in the month of the
overdue report (eighteen residents answered; its share of 4s and 5s fills that report's
satisfaction figure in the provider's form), and one open now, linked from the centre's
feedback page, with a few answers."""

from datetime import datetime, time, timedelta
from importlib import import_module

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step

# The day-care questions the migration seeds, set again on a database emptied since.
DAY_CARE_QUESTIONS = import_module("tenders.migrations.0022_surveys").DAY_CARE_QUESTIONS
# Each resident's ratings, question by question (cycled over the questions).
RATINGS = [5, 4, 5, 3, 4, 5, 4, 4, 2, 5, 4, 5, 3, 5, 4, 4, 5, 4]


def _answer_all(survey, site, count: int, day) -> None:
    from tenders.services.surveys import survey_answer

    questions = list(survey.questions.order_by("pk"))
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    for n in range(count):
        survey_answer(
            survey=survey,
            ratings={
                question.pk: RATINGS[(n + i) % len(RATINGS)] for i, question in enumerate(questions)
            },
            device_token=f"demo-survey-{survey.pk}-{n}",
            site=site,
            now=moment + timedelta(minutes=7 * n),
        )


@demo_step(order=90)
def seed_surveys(log: SeedLog) -> None:
    """Two surveys on the day-care contract: a closed one and an open one (once)."""
    from django.contrib.auth import get_user_model

    from tenders.models import Contract, ContractReport, SurveyQuestion
    from tenders.services.surveys import survey_schedule

    contract = Contract.objects.filter(tender__reference="TCMZ-2026-005").first()
    if contract is None or contract.surveys.exists():
        return
    site = contract.sites.filter(kind="day_care").first()
    today = timezone.localdate()
    overdue = (
        contract.reports.filter(status=ContractReport.Status.DRAFT, period_ends_on__lt=today)
        .order_by("number")
        .first()
    )
    bureau = get_user_model().objects.get(username="bureau")
    if not SurveyQuestion.objects.filter(category="elderly_day_care").exists():
        # The migration sets these; a database emptied since (a test's flush) has none.
        for position, text in enumerate(DAY_CARE_QUESTIONS, start=1):
            SurveyQuestion.objects.create(category="elderly_day_care", text=text, position=position)
    if overdue is not None:
        held = survey_schedule(
            contract=contract,
            opens_on=overdue.period_starts_on + timedelta(days=5),
            closes_on=overdue.period_starts_on + timedelta(days=15),
            by=bureau,
        )
        _answer_all(held, site, len(RATINGS), held.closes_on)
        log.add(f"TCMZ-2026-005 survey {held.opens_on}–{held.closes_on}: 18 answers")
    closes_on = min(today + timedelta(days=12), contract.ends_on)
    if closes_on >= today:
        open_now = survey_schedule(
            contract=contract, opens_on=today, closes_on=closes_on, by=bureau
        )
        _answer_all(open_now, site, 5, today)
        log.add(f"TCMZ-2026-005 survey open until {closes_on}: 5 answers")
