"""``manage.py bench``: build a city on the bench database, one tenth first, and measure the
pages that matter at both sizes (see ``tools.bench``). Prints a table and writes JSON
lines. It writes a lot of rows: it refuses a database whose name does not contain "bench"."""

import json
import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tools.bench.burst import FEEDBACK_PHONES, FEEDBACK_THREADS
from tools.bench.data import Scale
from tools.bench.run import ONLY, run
from tools.demo.seeding import SeedLog, demo_steps


class Command(BaseCommand):
    help = "Build a city-scale dataset on the bench database and measure pages and letters."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Share of the full city.")
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--letters", type=int, default=10, help="Letters to render.")
        parser.add_argument("--output", default="bench.jsonl", help="JSON lines file.")
        parser.add_argument(
            "--feedback-phones",
            type=int,
            default=FEEDBACK_PHONES,
            help="Phones in the feedback burst, each answering twice at once (0: no burst).",
        )
        parser.add_argument(
            "--feedback-threads", type=int, default=FEEDBACK_THREADS, help="Threads of the burst."
        )
        parser.add_argument(
            "--only",
            choices=ONLY,
            help="Measure only this part (vouchers: the city built once at full size without "
            "vouchers, then the vouchers at a tenth and at --scale, their pages and operations).",
        )
        parser.add_argument(
            "--fail-on-miss",
            action="store_true",
            help="Exit with an error when a page misses its targets (for CI).",
        )

    def handle(
        self,
        *args,
        scale,
        repeat,
        letters,
        output,
        fail_on_miss=False,
        only=None,
        feedback_phones=FEEDBACK_PHONES,
        feedback_threads=FEEDBACK_THREADS,
        **options,
    ):
        if "bench" not in connection.settings_dict["NAME"]:
            raise CommandError("Refusing to fill a database whose name does not contain 'bench'.")
        started = time.perf_counter()
        with transaction.atomic():
            for step in demo_steps():
                step.run(SeedLog())
        self._note(f"demo world seeded ({time.perf_counter() - started:.0f} s)")
        results = run(
            Scale().fraction(scale),
            repeat=repeat,
            letters=letters,
            feedback_phones=feedback_phones,
            feedback_threads=feedback_threads,
            only=only,
            progress=self._note,
        )
        lines = [json.dumps(result.as_dict(), ensure_ascii=False) for result in results]
        Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._table(results)
        self._note(f"wrote {output}; whole run {time.perf_counter() - started:.0f} s")
        self._note(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        failed = [result.name for result in results if result.extra.get("met") is False]
        if failed:
            message = f"Targets missed: {', '.join(failed)}"
            if fail_on_miss:
                raise CommandError(message)
            self.stdout.write(self.style.WARNING(message))

    def _note(self, text: str) -> None:
        self.stderr.write(f"bench: {text}")

    def _table(self, results) -> None:
        header = (
            f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'cpu p95':>8} {'queries':>8} "
            f"{'at 1/10':>8} {'rows':>7}  target"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for result in results:
            start = f"{result.name:36} {result.median_ms:10.1f} {result.p95_ms:8.1f} "
            self.stdout.write(start + _target(result))


def _target(result) -> str:
    """The rest of a result's line of the table, by its kind."""
    extra = result.extra
    verdict = {True: "met", False: "MISSED"}.get(extra.get("met"), "")
    if result.kind == "letters":
        return (
            f"{'':>8} {result.queries:8} {'':>8} {result.rows:7}  "
            f"{extra['letters_per_second']} letters/s"
        )
    if result.kind == "operation":
        return (
            f"{'':>8} {result.queries:8} {extra['queries_at_tenth']:8} {result.rows:7}  "
            f"p95 {extra['p95_ms_at_tenth']} ms at 1/10; same queries: {verdict}"
        )
    if result.kind == "run":
        return (
            f"{'':>8} {result.queries:8} {extra['queries_at_tenth']:8} {result.rows:7}  "
            f"{extra['ms_per_1000_holders']} ms per 1,000 holders, {extra['batches']} batches "
            f"of {extra['queries_per_batch']} queries; again: {extra['second_run_ms']} ms, "
            f"{extra['second_run_credited']} credited"
        )
    if result.kind == "export":
        return (
            f"{'':>8} {'':>8} {'':>8} {result.rows:7}  memory +{extra['memory_growth_mb']} MB "
            f"(+{extra.get('memory_growth_mb_at_tenth', '?')} MB at 1/10, "
            f"≤{extra.get('max_memory_difference_mb', '?')} MB more): {verdict}"
        )
    if result.kind == "burst":
        return (
            f"{'':>8} {'':>8} {'':>8} {result.rows:7}  {extra['phones']} phones ×2 taps on "
            f"{extra['threads']} threads: {extra['requests_per_second']} req/s, "
            f"{extra['lost']} lost, {extra['phones_answered_twice']} counted twice: {verdict}"
        )
    if result.kind == "ratio":
        return (
            f"{'':>8} {'':>8} {'':>8} {result.rows:7}  floor {extra['floor_median_ms']} ms, "
            f"×{extra['ratio']} (CPU ×{extra['cpu_ratio']}), ≤×{extra['max_ratio']}: {verdict}"
        )
    if result.kind == "open_data":
        return (
            f"{'':>8} {'':>8} {'':>8} {result.rows:7}  alone {extra['median_ms_alone']} ms "
            f"± {extra['noise_ms']} ms with {extra['clients']} clients: {verdict}"
        )
    return (
        f"{extra['cpu_p95_ms']:8.1f} {result.queries:8} {extra['queries_at_tenth']:8} "
        f"{result.rows:7}  "
        f"≤{extra['max_queries']} q, p95 <{extra['max_p95_ms']:.0f} ms: {verdict}"
    )
