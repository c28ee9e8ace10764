"""The tender pipeline panel of the Wagtail admin home, for bureau officers: how many tenders
stand at each status, as bars with the numbers as text, each linking to the filtered tender
list; the questions waiting for an answer; and the tenders that are late, closed for bids
with nobody yet assigned to evaluate them. A fixed number of queries whatever the number of
tenders."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from wagtail.admin.ui.components import Component

from incubator.dashboard import admin_list_url
from tenders.models import TenderClarification, TenderPage, TenderStatus
from tenders.selectors import is_tender_officer

BAR_WIDTH = 200
LATE_SHOWN = 5


@dataclass(frozen=True)
class StatusBar:
    status: str
    label: str
    count: int
    url: str
    width: int


class TenderPipelinePanel(Component):
    """Tenders by status, open questions and tenders waiting for evaluators."""

    name = "tender_pipeline"
    order = 48
    template_name = "tenders/admin/dashboard/pipeline.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        tenders = TenderPage.objects.canonical().with_state()
        conditions = TenderPage.objects.status_conditions(now)
        counts = tenders.aggregate(
            **{status: Count("pk", filter=condition) for status, condition in conditions.items()}
        )
        widest = max(counts.values(), default=0) or 1
        bars = [
            StatusBar(
                status=status.value,
                label=status.label,
                count=counts[status.value],
                url=admin_list_url("tenders_admin:index", status=status.value),
                width=round(BAR_WIDTH * counts[status.value] / widest),
            )
            for status in TenderStatus
        ]
        late = tenders.with_status(TenderStatus.CLOSED, now).order_by("deadline", "pk")
        questions = TenderClarification.objects.filter(
            answered_at__isnull=True, tender__deadline__gt=now, tender__cancelled_at__isnull=True
        ).count()
        return {
            "bars": bars,
            "total": sum(bar.count for bar in bars),
            "bar_width": BAR_WIDTH,
            "late": list(late[:LATE_SHOWN]) if counts[TenderStatus.CLOSED.value] else [],
            "late_count": counts[TenderStatus.CLOSED.value],
            "late_url": admin_list_url("tenders_admin:index", status=TenderStatus.CLOSED.value),
            "questions": questions,
            "list_url": admin_list_url("tenders_admin:index"),
            "now": now,
        }


def dashboard_panels(request) -> list[Component]:
    """The tender panel for bureau officers; none for anyone else."""
    return [TenderPipelinePanel()] if is_tender_officer(request.user) else []
