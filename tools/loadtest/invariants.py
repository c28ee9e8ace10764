"""The rules that must still hold after any amount of concurrent use, checked directly in the
database from the rows themselves rather than from the totals the services keep:

- per subsidy scheme: the approved amounts of its committed applications add up to its
  ``approved_total``, which stays within the envelope; payments add up to ``disbursed_total``
  on each application and on the scheme, and never exceed what was approved;
- per space: on no day do its allocations give more seats than it has;
- letters: one number per kind and year, no reference twice, no gaps.

Each check is one query whatever the amount of data. ``check_invariants`` returns what it
found wrong, in plain words; an empty list means all is well."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from incubator.models import Letter, SpaceAllocation

ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


def _money(value) -> str:
    """A sum as the database returns it (SQLite drops the decimals), with two decimals."""
    return f"{Decimal(value):.2f}"


def _sum(queryset, field: str):
    """A correlated subquery: the sum of ``field`` over ``queryset``, zero when it is empty."""
    subquery = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(subquery), ZERO)


def scheme_violations() -> list[str]:
    """Budget rules of every scheme, recomputed from its applications and payments."""
    from subsidies.models import Disbursement, Scheme, SubsidyApplication

    committed = SubsidyApplication.objects.filter(
        scheme=OuterRef("pk"), status__in=SubsidyApplication.COMMITTED
    )
    paid = Disbursement.objects.filter(application__scheme=OuterRef("pk"))
    problems = []
    schemes = Scheme.objects.annotate(
        committed=_sum(committed, "approved_amount"), paid=_sum(paid, "amount")
    ).filter(
        Q(committed__gt=F("envelope"))
        | Q(approved_total__gt=F("envelope"))
        | ~Q(committed=F("approved_total"))
        | Q(paid__gt=F("committed"))
        | ~Q(paid=F("disbursed_total"))
    )
    for scheme in schemes:
        problems.append(
            f"scheme {scheme.pk} ({scheme.name}): envelope {scheme.envelope}, approved total "
            f"{scheme.approved_total}, committed by applications {_money(scheme.committed)}, "
            f"disbursed total {scheme.disbursed_total}, paid {_money(scheme.paid)}"
        )
    applications = SubsidyApplication.objects.annotate(
        paid=_sum(Disbursement.objects.filter(application=OuterRef("pk")), "amount")
    ).filter(
        ~Q(paid=F("disbursed_total"))
        | Q(paid__gt=0, approved_amount__isnull=True)
        | Q(paid__gt=F("approved_amount"))
        | Q(approved_amount__gt=F("eligible_total"))
        | Q(status__in=SubsidyApplication.COMMITTED, approved_amount__isnull=True)
    )
    for application in applications:
        problems.append(
            f"subsidy application {application.pk} ({application.status}): eligible "
            f"{application.eligible_total}, approved {application.approved_amount}, disbursed "
            f"total {application.disbursed_total}, paid {_money(application.paid)}"
        )
    return problems


def space_violations() -> list[str]:
    """Seats of every space: the busiest day of a space is a day one of its allocations
    starts, so summing the allocations that cover each start is enough."""
    covering = SpaceAllocation.objects.filter(
        space=OuterRef("space"),
        starts_on__lte=OuterRef("starts_on"),
        ends_on__gte=OuterRef("starts_on"),
    )
    subquery = (
        covering.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(total=Sum("seats"))
        .values("total")
    )
    crowded = (
        SpaceAllocation.objects.annotate(used=Subquery(subquery))
        .filter(used__gt=F("space__seats"))
        .select_related("space")
        .order_by("space_id", "starts_on")
    )
    return [
        f"space {allocation.space_id} ({allocation.space.code}): {allocation.used} seats given "
        f"on {allocation.starts_on}, it has {allocation.space.seats}"
        for allocation in crowded
    ]


def letter_violations() -> list[str]:
    """Letter numbers: unique per kind and year and without gaps; references unique."""
    problems = []
    numbers = (
        Letter.objects.values("kind", "year")
        .annotate(
            count=Count("pk"),
            distinct=Count("sequence", distinct=True),
            highest=Max("sequence"),
        )
        .order_by("kind", "year")
    )
    for row in numbers:
        if row["distinct"] != row["count"]:
            problems.append(
                f"letters {row['kind']} {row['year']}: {row['count']} letters share "
                f"{row['distinct']} numbers"
            )
        elif row["highest"] != row["count"]:
            problems.append(
                f"letters {row['kind']} {row['year']}: {row['count']} letters numbered up to "
                f"{row['highest']} (a gap)"
            )
    duplicated = (
        Letter.objects.values("reference")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .order_by("reference")
    )
    problems += [
        f"letter reference {row['reference']} used {row['count']} times" for row in duplicated
    ]
    return problems


def budget_lines() -> list[str]:
    """One line per scheme: envelope, approved and disbursed, and its applications by status;
    then how many allocations and letters were checked."""
    from subsidies.models import Scheme

    lines = []
    for scheme in Scheme.objects.order_by("pk"):
        statuses = (
            scheme.applications.order_by("status").values("status").annotate(count=Count("pk"))
        )
        counts = ", ".join(f"{row['count']} {row['status']}" for row in statuses)
        lines.append(
            f"{scheme.name}: envelope {scheme.envelope}, approved {scheme.approved_total}, "
            f"disbursed {scheme.disbursed_total}; applications: {counts or 'none'}"
        )
    lines.append(
        f"{SpaceAllocation.objects.count()} space allocations, {Letter.objects.count()} letters"
    )
    return lines


def check_invariants() -> list[str]:
    """Everything found wrong, budgets first; empty when every invariant holds."""
    return scheme_violations() + space_violations() + letter_violations()
