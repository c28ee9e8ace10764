"""``manage.py bench``: build a city on the bench database, one tenth first, and measure the
pages that matter at both sizes (see ``incubator.bench``). Prints a table and writes JSON
lines. It writes a lot of rows: it refuses a database whose name does not contain "bench"."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from incubator.bench.data import Scale, grow
from incubator.bench.measure import measure_letters, measure_page, targets
from incubator.seeding import SeedLog, demo_steps


class Command(BaseCommand):
    help = "Build a city-scale dataset on the bench database and measure pages and letters."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Share of the full city.")
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--letters", type=int, default=10, help="Letters to render.")
        parser.add_argument("--output", default="bench.jsonl", help="JSON lines file.")

    def handle(self, *args, scale: float, repeat: int, letters: int, output: str, **options):
        if "bench" not in connection.settings_dict["NAME"]:
            raise CommandError("Refusing to fill a database whose name does not contain 'bench'.")
        started = time.perf_counter()
        with transaction.atomic():
            for step in demo_steps():
                step.run(SeedLog())
        self._note(f"demo world seeded ({time.perf_counter() - started:.0f} s)")
        city = Scale().fraction(scale)
        tenth = {}
        for share in (0.1, 1.0):
            built = time.perf_counter()
            reached = grow(city.fraction(share))
            self._note(f"data at {share:.0%}: {reached} ({time.perf_counter() - built:.0f} s)")
            results = [measure_page(target, repeat=repeat) for target in targets()]
            if share < 1:
                tenth = {result.name: result for result in results}
        for result in results:
            small = tenth[result.name]
            result.extra.update(
                queries_at_tenth=small.queries,
                rows_at_tenth=small.rows,
                p95_ms_at_tenth=round(small.p95_ms, 1),
                queries_constant=small.queries == result.queries,
            )
            limits = result.limits
            result.extra.update(
                max_queries=limits[0],
                max_p95_ms=limits[1],
                met=result.queries <= limits[0]
                and result.p95_ms < limits[1]
                and small.queries == result.queries,
            )
        if letters:
            results.append(measure_letters(count=letters))
        lines = [json.dumps(result.as_dict(), ensure_ascii=False) for result in results]
        Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._table(results)
        self._note(f"wrote {output}; whole run {time.perf_counter() - started:.0f} s")
        failed = [result.name for result in results if result.extra.get("met") is False]
        if failed:
            self.stdout.write(self.style.WARNING(f"Targets missed: {', '.join(failed)}"))

    def _note(self, text: str) -> None:
        self.stderr.write(f"bench: {text}")

    def _table(self, results) -> None:
        header = (
            f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
            f"{'at 1/10':>8} {'rows':>7}  target"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for result in results:
            extra = result.extra
            if "letters_per_second" in extra:
                self.stdout.write(
                    f"{result.name:32} {result.median_ms:10.1f} {result.p95_ms:8.1f} "
                    f"{result.queries:8} {'':>8} {result.rows:7}  "
                    f"{extra['letters_per_second']} letters/s"
                )
                continue
            verdict = "met" if extra["met"] else "MISSED"
            self.stdout.write(
                f"{result.name:32} {result.median_ms:10.1f} {result.p95_ms:8.1f} "
                f"{result.queries:8} {extra['queries_at_tenth']:8} {result.rows:7}  "
                f"≤{extra['max_queries']} q, p95 <{extra['max_p95_ms']:.0f} ms: {verdict}"
            )
