"""The queries of tender pages: their derived status computed in the database, and one page
per tender for the back-office lists."""

from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone

from wagtail.query import PageQuerySet

from tenders.choices import TenderStatus

from .awards import TenderAward
from .object_permissions import TenderUserObjectPermission


class TenderPageQuerySet(PageQuerySet):
    """Tender pages with what their status needs, computed in the database."""

    def with_state(self):
        awards = TenderAward.objects.filter(tender=OuterRef("tender")).exclude(
            status=TenderAward.Status.SET_ASIDE
        )
        evaluators = TenderUserObjectPermission.objects.filter(
            content_object=OuterRef("tender"), permission__codename="evaluate_tender"
        )
        return self.annotate(_awarded=Exists(awards), _evaluating=Exists(evaluators))

    def one_per_tender(self):
        """One page per tender, for lists of tenders rather than of pages: the oldest page
        of each (its source page, whose id is the tender's)."""
        firsts = (
            self.model.objects.order_by().values("tender").annotate(first=Min("pk")).values("first")
        )
        return self.filter(pk__in=firsts)

    @staticmethod
    def status_conditions(now=None) -> dict[str, Q]:
        """The condition of each derived status (on ``with_state`` annotations) at ``now``."""
        now = now or timezone.now()
        live = Q(cancelled_at__isnull=True)
        return {
            TenderStatus.UPCOMING: live & Q(opens_at__gt=now),
            TenderStatus.OPEN: live & Q(opens_at__lte=now, deadline__gt=now),
            TenderStatus.CLOSED: live & Q(deadline__lte=now, _awarded=False, _evaluating=False),
            TenderStatus.UNDER_EVALUATION: live
            & Q(deadline__lte=now, _awarded=False, _evaluating=True),
            TenderStatus.AWARDED: live & Q(_awarded=True),
            TenderStatus.CANCELLED: Q(cancelled_at__isnull=False),
        }

    def with_status(self, status: str, now=None):
        """Filter by a derived status (after ``with_state``)."""
        conditions = self.status_conditions(now)
        return self.filter(conditions[status]) if status in conditions else self
