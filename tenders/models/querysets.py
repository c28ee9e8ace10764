"""The queries of tenders and their pages: the derived status computed in the database, and
one page per tender for the back-office lists."""

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Min, Q
from django.utils import timezone

from wagtail.query import PageQuerySet

from tenders.choices import TenderStatus

from .awards import TenderAward
from .object_permissions import TenderUserObjectPermission


def state_annotations(tender: str) -> dict:
    """What a derived status needs besides the tender's dates: whether an award stands and
    whether evaluators are assigned, for the tender whose id is in field ``tender``. Each is
    an uncorrelated ``IN`` over the few tenders concerned, which the database reads once
    (correlated EXISTS ran once per tender and per status counted)."""
    awarded = TenderAward.objects.exclude(status=TenderAward.Status.SET_ASIDE).values("tender_id")
    evaluated = TenderUserObjectPermission.objects.filter(
        permission__codename="evaluate_tender"
    ).values("content_object_id")
    return {
        "_awarded": ExpressionWrapper(Q(**{f"{tender}__in": awarded}), BooleanField()),
        "_evaluating": ExpressionWrapper(Q(**{f"{tender}__in": evaluated}), BooleanField()),
    }


def status_conditions(now=None) -> dict[str, Q]:
    """The condition of each derived status (on ``with_state`` annotations) at ``now``; the
    same for tenders and for their pages, whose dates are the tender's."""
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


class TenderQuerySet(models.QuerySet):
    """Tenders with what their status needs, computed in the database: one row per tender,
    whatever the number of its languages (counts and dashboards read these)."""

    def with_state(self):
        return self.annotate(**state_annotations("pk"))

    status_conditions = staticmethod(status_conditions)


class TenderPageQuerySet(PageQuerySet):
    """Tender pages with what their status needs, computed in the database."""

    def with_state(self):
        return self.annotate(**state_annotations("tender"))

    def one_per_tender(self):
        """One page per tender, for lists of tenders rather than of pages: the oldest page
        of each (its source page, whose id is the tender's)."""
        firsts = (
            self.model.objects.order_by().values("tender").annotate(first=Min("pk")).values("first")
        )
        return self.filter(pk__in=firsts)

    status_conditions = staticmethod(status_conditions)

    def with_status(self, status: str, now=None):
        """Filter by a derived status (after ``with_state``)."""
        conditions = status_conditions(now)
        return self.filter(conditions[status]) if status in conditions else self
