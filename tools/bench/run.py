"""One bench run: grow the city to a tenth, measure every page and the exports, grow it to
full size, measure again, and put the two together with the limits each page must meet; then,
at full size, the open-data packages against the home page, a burst of residents answering a
site's feedback page at once, the public tender page and the letter path against their floors,
and the letters per second."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from tools.bench import data_vouchers
from tools.bench.burst import FEEDBACK_PHONES, FEEDBACK_THREADS, measure_feedback_burst
from tools.bench.data import Scale, grow
from tools.bench.floors import measure_letter_floor, measure_tender_page_floor
from tools.bench.loads import measure_export, measure_open_data_clients
from tools.bench.measure import Result, measure_letters, measure_page
from tools.bench.targets import exports, heaviest_tender, home_url, targets
from tools.bench.vouchers import measure_operations, voucher_targets

# What ``only`` may select: the care vouchers alone, on a city of full size (issue 23).
ONLY = ("vouchers",)

# Export memory at full size may exceed the tenth's by this much (issue 17).
EXPORT_MEMORY_MARGIN_MB = 50


def _analyse() -> None:
    """Fresh planner statistics and visibility maps after a bulk load, as autovacuum gives a
    live database (without them the planner guesses from empty tables)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (the bench's own tests run in one).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def run(
    city: Scale,
    *,
    repeat: int = 30,
    warmup: int = 3,
    letters: int = 10,
    portal_user: str = "orgadmin",
    staff_user: str = "bureau",
    hub_manager: str = "hubmanager",
    open_data: bool = True,
    feedback_phones: int = FEEDBACK_PHONES,
    feedback_threads: int = FEEDBACK_THREADS,
    floors: bool = True,
    only: str | None = None,
    base: Scale | None = None,
    progress=None,
) -> list[Result]:
    """Measure ``city`` at one tenth and at full size; one result per page (with the tenth's
    figures and the verdict in ``extra``), the care vouchers' operations, then the exports,
    the open data, the feedback burst (``feedback_phones`` phones answering twice at once from
    ``feedback_threads`` threads; none when 0), the floors and the letters. ``progress`` gets a
    line of text after each step.

    With ``only="vouchers"`` the city (``base``, the full-size city unless given) is built
    once without vouchers, then only the vouchers grow to a tenth and to full size of ``city``
    and only their pages and operations are measured."""
    note = progress or (lambda text: None)
    if only is not None and only not in ONLY:
        raise ValueError(f"only: one of {', '.join(ONLY)}")
    pages = (
        []
        if only
        else targets(portal_user=portal_user, staff_user=staff_user, hub_manager=hub_manager)
    )
    pages += voucher_targets(staff_user=staff_user)
    if only:
        reached = grow(base or Scale(), portal_user=portal_user, vouchers=False)
        note(f"city without vouchers: {reached}")
    tenth: dict[str, Result] = {}
    results: list[Result] = []
    for share in (0.1, 1.0):
        part = city.fraction(share)
        if only:
            reached = data_vouchers.grow(part.voucher_holders, part.voucher_sites)
        else:
            reached = grow(part, portal_user=portal_user)
        _analyse()
        cache.clear()  # then warm it again, page by page, as a live site would
        note(f"data at {share:.0%}: {reached}")
        results = [measure_page(target, repeat=repeat, warmup=warmup) for target in pages]
        results += measure_operations(repeat=repeat, warmup=warmup, staff_user=staff_user)
        _analyse()  # the operations' rolled-back rows leave dead tuples behind
        if not only:
            results += [measure_export(*export, username=staff_user) for export in exports()]
        note(f"pages and operations measured at {share:.0%}")
        if share < 1:
            tenth = {result.name: result for result in results}
    for result in results:
        _compare(result, tenth[result.name])
    if only:
        return results
    if open_data:
        call_command("publish_open_data", verbosity=0)
        results.append(measure_open_data_clients(home_url(), repeat=repeat))
        note("open data published and downloaded")
    if feedback_phones:
        results.append(measure_feedback_burst(phones=feedback_phones, threads=feedback_threads))
        note("feedback burst sent and counted")
    if floors:
        tender_url = heaviest_tender().url
        results.append(measure_tender_page_floor(tender_url, repeat=repeat, warmup=warmup))
        note("the tender page's floor measured")
    if letters:
        if floors:
            results.append(measure_letter_floor(count=letters))
        results.append(measure_letters(count=letters))
        note("letters rendered")
    return results


def _compare(result: Result, small: Result) -> None:
    """Put the tenth's figures beside the full size's, with the verdict."""
    if result.kind == "run":
        _compare_run(result, small)
        return
    if result.kind == "operation":
        result.extra.update(
            queries_at_tenth=small.queries,
            rows_at_tenth=small.rows,
            median_ms_at_tenth=round(small.median_ms, 1),
            p95_ms_at_tenth=round(small.p95_ms, 1),
            queries_constant=small.queries == result.queries,
            met=small.queries == result.queries,
        )
        return
    if result.kind == "export":
        grown = result.extra["memory_growth_mb"] - small.extra["memory_growth_mb"]
        result.extra.update(
            memory_growth_mb_at_tenth=small.extra["memory_growth_mb"],
            rows_at_tenth=small.rows,
            max_memory_difference_mb=EXPORT_MEMORY_MARGIN_MB,
            met=grown <= EXPORT_MEMORY_MARGIN_MB,
        )
        return
    max_queries, max_p95 = result.limits
    result.extra.update(
        queries_at_tenth=small.queries,
        rows_at_tenth=small.rows,
        median_ms_at_tenth=round(small.median_ms, 1),
        p95_ms_at_tenth=round(small.p95_ms, 1),
        queries_constant=small.queries == result.queries,
        max_queries=max_queries,
        max_p95_ms=max_p95,
        met=result.queries <= max_queries
        and result.p95_ms < max_p95
        and small.queries == result.queries,
    )


def _compare_run(result: Result, small: Result) -> None:
    """The credit run at both sizes: its queries grow by a fixed number per batch of holders
    (``queries_per_batch``), and its fixed part (``queries_fixed``) stays the same."""
    extra, batches = result.extra, result.extra["batches"] - small.extra["batches"]
    per_batch = (result.queries - small.queries) / batches if batches else None
    extra.update(
        queries_at_tenth=small.queries,
        rows_at_tenth=small.rows,
        median_ms_at_tenth=round(small.median_ms, 1),
        ms_per_1000_holders_at_tenth=small.extra["ms_per_1000_holders"],
        second_run_ms_at_tenth=small.extra["second_run_ms"],
        batches_at_tenth=small.extra["batches"],
        queries_per_batch=per_batch,
        queries_fixed=result.queries - per_batch * extra["batches"] if per_batch else None,
        second_run_queries_at_tenth=small.extra["second_run_queries"],
    )
