"""One bench run: grow the city to a tenth, measure every page, grow it to full size,
measure again, and put the two together with the limits each page must meet."""

from django.core.cache import cache

from tools.bench.data import Scale, grow
from tools.bench.measure import Result, measure_letters, measure_page
from tools.bench.targets import targets


def run(
    city: Scale,
    *,
    repeat: int = 30,
    warmup: int = 3,
    letters: int = 10,
    portal_user: str = "orgadmin",
    staff_user: str = "bureau",
    progress=None,
) -> list[Result]:
    """Measure ``city`` at one tenth and at full size; one result per page (with the tenth's
    figures and the verdict in ``extra``), then the letters. ``progress`` gets a line of text
    after each step."""
    note = progress or (lambda text: None)
    pages = targets(portal_user=portal_user, staff_user=staff_user)
    tenth: dict[str, Result] = {}
    results: list[Result] = []
    for share in (0.1, 1.0):
        reached = grow(city.fraction(share))
        cache.clear()  # then warm it again, page by page, as a live site would
        note(f"data at {share:.0%}: {reached}")
        results = [measure_page(target, repeat=repeat, warmup=warmup) for target in pages]
        if share < 1:
            tenth = {result.name: result for result in results}
    for result in results:
        small = tenth[result.name]
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
    if letters:
        results.append(measure_letters(count=letters))
        note("letters rendered")
    return results
