"""One bench run: grow the city to a tenth, measure every page and the exports, grow it to
full size, measure again, and put the two together with the limits each page must meet; then,
at full size, the open-data packages against the home page, a burst of residents answering a
site's feedback page at once, the public tender page and the letter path against their floors,
and the letters per second."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from tools.bench.burst import FEEDBACK_PHONES, FEEDBACK_THREADS, measure_feedback_burst
from tools.bench.data import Scale, grow
from tools.bench.floors import measure_letter_floor, measure_tender_page_floor
from tools.bench.loads import measure_export, measure_open_data_clients
from tools.bench.measure import Result, measure_letters, measure_page
from tools.bench.targets import exports, heaviest_tender, home_url, targets

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
    progress=None,
) -> list[Result]:
    """Measure ``city`` at one tenth and at full size; one result per page (with the tenth's
    figures and the verdict in ``extra``), then the exports, the open data, the feedback burst
    (``feedback_phones`` phones answering twice at once from ``feedback_threads`` threads; none
    when 0), the floors and the letters. ``progress`` gets a line of text after each step."""
    note = progress or (lambda text: None)
    pages = targets(portal_user=portal_user, staff_user=staff_user, hub_manager=hub_manager)
    tenth: dict[str, Result] = {}
    results: list[Result] = []
    for share in (0.1, 1.0):
        reached = grow(city.fraction(share), portal_user=portal_user)
        _analyse()
        cache.clear()  # then warm it again, page by page, as a live site would
        note(f"data at {share:.0%}: {reached}")
        results = [measure_page(target, repeat=repeat, warmup=warmup) for target in pages]
        results += [measure_export(*export, username=staff_user) for export in exports()]
        note(f"pages and exports measured at {share:.0%}")
        if share < 1:
            tenth = {result.name: result for result in results}
    for result in results:
        _compare(result, tenth[result.name])
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
