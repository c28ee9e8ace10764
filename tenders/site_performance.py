"""A service site's public performance page: what residents said of it over the last twelve
months (a chart of each month's mean rating, drawn on the server; verified and unverified
answers counted apart), how its complaints were answered (how many, how many in time, how
residents rated the answers), and what the bureau found of the contract it runs under (the
latest graded period and the published acceptances), with the comments published after
moderation. Anonymised: no comment before moderation, no name, no complaint text. A fixed
number of queries whatever the number of answers."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from tenders.feedback_selectors import feedback_figures
from tenders.models import CommentState, ContractAcceptance, ContractReport, ServiceSite

MONTHS = 12
COMMENTS_SHOWN = 10
# The chart's own units (viewBox); it scales to its box, a 375 px phone too.
WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 28, 10, 10, 28
TENTH = Decimal("0.1")


def _coord(value) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def _months_back(today: date, count: int) -> list[date]:
    """The first days of the ``count`` months up to ``today``'s, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


@dataclass(frozen=True)
class MonthPoint:
    """One month with answers: how many, their mean rating, where it is drawn."""

    month: date
    answers: int
    mean: Decimal
    x: Decimal
    y: Decimal


@dataclass(frozen=True)
class RatingChart:
    """Each month's mean rating on a 1–5 scale; months without answers are left out."""

    points: list[MonthPoint]
    width = WIDTH
    height = HEIGHT
    left = LEFT
    right_edge = WIDTH - RIGHT
    top_edge = TOP
    bottom_edge = HEIGHT - BOTTOM
    label_y = HEIGHT - 8

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def gridlines(self) -> list[tuple[int, Decimal]]:
        return [(rating, _rating_y(rating)) for rating in range(1, 6)]


def _rating_y(rating) -> Decimal:
    plot = Decimal(HEIGHT - TOP - BOTTOM)
    return _coord(Decimal(HEIGHT - BOTTOM) - plot * (Decimal(rating) - 1) / 4)


def rating_chart(rows: list[tuple[date, int, Decimal]], months: list[date]) -> RatingChart:
    """The chart of ``rows`` (month, answers, mean) over ``months``: each month has its own
    place on the x axis, so a gap in the answers shows as a gap."""
    span = Decimal(WIDTH - LEFT - RIGHT - 20)
    step = span / max(len(months) - 1, 1)
    place = {month: index for index, month in enumerate(months)}
    points = [
        MonthPoint(
            month=month,
            answers=answers,
            mean=_coord(mean),
            x=_coord(Decimal(LEFT + 10) + step * place[month]),
            y=_rating_y(mean),
        )
        for month, answers, mean in rows
        if month in place
    ]
    return RatingChart(points=points)


def _complaint_figures(site, since) -> dict:
    complaints = site.complaints.filter(filed_at__gte=since)
    today = timezone.localdate()
    figures = complaints.aggregate(
        filed=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        late_open=Count("pk", filter=Q(answered_at__isnull=True, answer_due_on__lt=today)),
        mean_answer_rating=Avg("rating"),
        rated=Count("rating"),
    )
    # Answered by the due day: compared in China Standard Time, row by row (a few dozen a
    # year; the moments are read, not the texts).
    answered = complaints.filter(answered_at__isnull=False).values_list(
        "answered_at", "answer_due_on"
    )
    figures["on_time"] = sum(1 for moment, due in answered if timezone.localdate(moment) <= due)
    due = figures["answered"] + figures["late_open"]
    figures["on_time_percent"] = round(100 * figures["on_time"] / due) if due else None
    return figures


def site_performance(site: ServiceSite, today: date | None = None) -> dict:
    """What the public page shows of ``site`` (see the module's docstring)."""
    today = today or timezone.localdate()
    months = _months_back(today, MONTHS)
    since = timezone.make_aware(datetime.combine(months[0], time.min))
    answers = site.feedback.filter(submitted_at__gte=since)
    by_month = (
        answers.annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(answers=Count("pk"), mean=Avg("rating"))
        .order_by("month")
    )
    rows = [
        (
            row["month"].date() if hasattr(row["month"], "date") else row["month"],
            row["answers"],
            Decimal(str(row["mean"])),
        )
        for row in by_month
    ]
    contract = site.contract
    graded = (
        ContractReport.objects.filter(contract=contract, status=ContractReport.Status.ACCEPTED)
        .exclude(grade="")
        .order_by("-number")
        .first()
    )
    return {
        "site": site,
        "contract": contract,
        "months": MONTHS,
        "chart": rating_chart(rows, months),
        "month_rows": rows,
        "figures": answers.aggregate(**feedback_figures()),
        "complaints": _complaint_figures(site, since),
        "graded": graded,
        "acceptances": list(
            ContractAcceptance.objects.filter(
                contract=contract, published_at__isnull=False
            ).order_by("-held_on")
        ),
        "comments": list(
            answers.filter(comment_state=CommentState.PUBLISHED)
            .order_by("-submitted_at")
            .only("submitted_at", "rating", "published_comment", "respondent")[:COMMENTS_SHOWN]
        ),
    }


def performance(request, code: str):
    """The site's public performance page."""
    site = get_object_or_404(
        ServiceSite.objects.select_related("contract__organisation", "contract__tender"),
        code=code[:16],
    )
    return TemplateResponse(request, "tenders/feedback/performance.html", site_performance(site))


urlpatterns = [
    path("feedback/<str:code>/performance/", performance, name="site_performance"),
]
