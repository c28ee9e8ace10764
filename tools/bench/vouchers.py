"""What the bench measures of care vouchers (issue 23): the public services directory (the
index filtered by town and type of service, a site's page, a community's printable list), the
back office's voucher holders (the list and a holder's page), and three operations through
their services, each in a transaction that is rolled back so the data stays as built and both
sizes measure the same thing: recording a service at the point of service
(``redemption_record``), building a provider's monthly claim (``claim_submit``) and the
monthly credit run over every holder (``credit_run``), run twice to time the idempotent second
run. The data comes from ``data_vouchers``."""

import math
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tools.bench.data_vouchers import BENCH_PIN, PROVIDER_USER, months
from tools.bench.measure import BenchError, Result, Target, percentile

# The credit run's batch (the service's default): its queries grow by a fixed number a batch.
CREDIT_BATCH = 1000
# A town's sites that serve lunch: what a resident asks the directory first.
DIRECTORY_SERVICE = "meals"


def directory_page():
    """The Chinese services directory page."""
    from cms.models import ServicesDirectoryPage

    page = ServicesDirectoryPage.objects.live().filter(locale__language_code="zh-hans").first()
    if page is None:
        raise BenchError("No services directory page in Chinese to measure.")
    return page


def provider():
    """The bench provider's administrator and organisation."""
    from incubator.models import OrganisationMembership

    membership = OrganisationMembership.objects.select_related("user", "organisation").get(
        user__username=PROVIDER_USER, ended_at__isnull=True
    )
    return membership.user, membership.organisation


def provider_site():
    """The bench provider's first site that takes vouchers (its directory page and where the
    redemption is recorded)."""
    from tenders.models import ServiceSite

    _user, organisation = provider()
    site = (
        ServiceSite.objects.filter(contract__organisation=organisation, accepts_vouchers=True)
        .filter(name__startswith="基准")
        .order_by("pk")
        .first()
    )
    if site is None:
        raise BenchError("The bench provider has no site that takes vouchers.")
    return site


def busiest_town() -> str:
    """The town with the most public sites."""
    from tenders.directory_source import public_sites

    row = public_sites().values("town").annotate(n=Count("pk")).order_by("-n", "town").first()
    if row is None:
        raise BenchError("No public service site: the directory is empty.")
    return row["town"]


def first_holder():
    """The first bench holder (services paid in both months built)."""
    from subsidies.models import Resident

    return Resident.objects.filter(address__startswith="基准").order_by("pk").first()


def voucher_targets(*, staff_user: str = "bureau") -> list[Target]:
    """The directory's pages and the back office's holder pages, in the order of the table."""
    from subsidies.models import Resident
    from tenders.directory_source import public_sites

    def index_url():
        return f"{directory_page().url}?town={busiest_town()}&service={DIRECTORY_SERVICE}"

    def index_rows():
        return public_sites().filter(town=busiest_town()).count()

    def print_url():
        site = provider_site()
        return directory_page().print_url(site.town, site.community)

    return [
        Target("directory index (town, service)", "public", index_url, index_rows),
        Target(
            "directory site page",
            "public",
            lambda: directory_page().site_url(provider_site().code),
            lambda: provider_site().services.count(),
        ),
        Target(
            "directory community print page",
            "public",
            print_url,
            lambda: public_sites().filter(town=provider_site().town).count(),
        ),
        Target(
            "voucher holders list",
            "admin",
            lambda: reverse("voucher_holders:index"),
            Resident.objects.count,
            username=staff_user,
        ),
        Target(
            "voucher holder page",
            "admin",
            lambda: reverse("voucher_holders:inspect", args=[first_holder().pk]),
            lambda: first_holder().entries.count(),
            username=staff_user,
        ),
    ]


def _rolled_back(action):
    """Run ``action`` in a transaction rolled back; its result, milliseconds and queries."""
    with transaction.atomic():
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = action()
        elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    return result, elapsed, len(queries)


def _timed(name: str, action, *, repeat: int, warmup: int, rows: int, extra=None) -> Result:
    for _ in range(warmup):
        _rolled_back(action)
    timings, counts = [], []
    for _ in range(repeat):
        _result, elapsed, queries = _rolled_back(action)
        timings.append(elapsed)
        counts.append(queries)
    return Result(
        name=name,
        kind="operation",
        url="",
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=max(counts),
        rows=rows,
        extra=extra or {},
    )


def measure_redemption(*, repeat: int = 30, warmup: int = 3) -> Result:
    """A lunch recorded at the provider's site against the first holder's card and PIN, an
    hour ago, as the provider's administrator (each rolled back)."""
    from subsidies.models import Redemption
    from subsidies.services.redemptions import redemption_record

    user, _organisation = provider()
    site = provider_site()
    service = site.services.filter(service_type=DIRECTORY_SERVICE).get()
    holder = first_holder()
    served_at = (timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)

    def record():
        return redemption_record(
            by=user,
            site=site,
            service=service,
            resident_card=holder.card_number,
            pin=BENCH_PIN,
            served_at=served_at,
            duration_minutes=service.duration_minutes,
        )

    return _timed(
        "voucher redemption",
        record,
        repeat=repeat,
        warmup=warmup,
        rows=Redemption.objects.filter(resident=holder).count(),
    )


def measure_claim(*, repeat: int = 5, warmup: int = 1) -> Result:
    """The bench provider's claim of last month, built from its redemptions (rolled back)."""
    from subsidies.claim_selectors import redemptions_of_month
    from subsidies.services.claims import claim_submit

    user, organisation = provider()
    last = months()[1]
    rows = redemptions_of_month(organisation, last).filter(claim__isnull=True).count()
    if not rows:
        raise BenchError("The bench provider has nothing to claim last month.")
    return _timed(
        "voucher claim building",
        lambda: claim_submit(organisation=organisation, month=last, by=user),
        repeat=repeat,
        warmup=warmup,
        rows=rows,
    )


def measure_credit_run(*, staff_user: str = "bureau", batch_size: int = CREDIT_BATCH) -> Result:
    """This month's credit run over every holder as a bureau officer, then the same run again
    (which credits nobody), in one transaction rolled back; timed per run and per 1,000
    holders."""
    from subsidies.models import LedgerEntry
    from subsidies.services.vouchers import _eligible, credit_run
    from subsidies.voucher_selectors import scheme_in_force

    officer = get_user_model().objects.get(username=staff_user)
    scheme = scheme_in_force()
    month = months()[2]
    eligible, _amount = _eligible(scheme, month)
    holders = eligible.count()
    credits = LedgerEntry.objects.filter(kind="credit", month=month)
    before = credits.count()
    with transaction.atomic():
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as first_queries:
            credit_run(scheme=scheme, month=month, by=officer, batch_size=batch_size)
        first_ms = (time.perf_counter() - started) * 1000
        credited = credits.count() - before
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as second_queries:
            credit_run(scheme=scheme, month=month, by=officer, batch_size=batch_size)
        second_ms = (time.perf_counter() - started) * 1000
        again = credits.count() - before - credited
        transaction.set_rollback(True)
    if again:
        raise BenchError(f"The second credit run credited {again} holders again.")
    batches = math.ceil(holders / batch_size)
    return Result(
        name="monthly credit run",
        kind="run",
        url="",
        median_ms=first_ms,
        p95_ms=first_ms,
        queries=len(first_queries),
        rows=holders,
        extra={
            "credited": credited,
            "batches": batches,
            "ms_per_1000_holders": round(first_ms / max(holders, 1) * 1000, 1),
            "second_run_ms": round(second_ms, 1),
            "second_run_queries": len(second_queries),
            "second_run_credited": again,
        },
    )


def measure_operations(*, repeat: int = 30, warmup: int = 3, staff_user: str = "bureau"):
    """The three operations' results."""
    return [
        measure_redemption(repeat=repeat, warmup=warmup),
        measure_claim(repeat=max(1, min(repeat, 5)), warmup=min(warmup, 1)),
        measure_credit_run(staff_user=staff_user),
    ]
