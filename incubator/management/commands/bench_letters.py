"""``manage.py bench_letters``: render letters and report milliseconds per letter. Runs inside a
transaction that is rolled back, and removes the files it wrote: it leaves nothing behind."""

import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from incubator.kernel.letterhead import current_letterhead
from incubator.kernel.services.letter_rendering import letter_render
from incubator.kernel.services.letters import letter_issue
from incubator.models import Hub, Letter, Organisation

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Render letters (default 50) and print the median and 95th percentile ms per letter."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50)
        parser.add_argument("--kind", default="subsidy_award")

    def handle(self, *args, count: int, kind: str, **options):
        timings: list[float] = []
        written: list[str] = []
        # The bench times the rendering itself: the render task each issue enqueues is only
        # recorded (the dummy backend), not run.
        try:
            with override_settings(TASKS=DUMMY_TASKS), transaction.atomic():
                organisation = self._organisation()
                if not current_letterhead().prefixes.get(kind):
                    self.stderr.write(f"No reference prefix for {kind}: run seed_demo first.")
                    raise _Rollback
                for number in range(count + 1):
                    letter = letter_issue(
                        kind=kind,
                        recipient=organisation,
                        subject=organisation,
                        title="关于核定2026年度岗位补贴的通知",
                        details={"scheme_name": "2026年度岗位补贴", "period": "2026年1月至12月"},
                        amount=Decimal("12300.00") + number,
                    )
                    started = time.perf_counter()
                    rendered = letter_render(letter_id=letter.pk)
                    elapsed = (time.perf_counter() - started) * 1000
                    written.append(rendered.file.name)
                    if number:  # the first render loads the fonts: a warm-up, not counted
                        timings.append(elapsed)
                raise _Rollback
        except _Rollback:
            pass
        finally:
            storage = Letter._meta.get_field("file").storage
            for name in written:
                storage.delete(name)
        if not timings:
            return
        timings.sort()
        p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
        self.stdout.write(
            f"letters: {len(timings)}  median {statistics.median(timings):.0f} ms  "
            f"p95 {p95:.0f} ms  ({1000 / statistics.mean(timings):.1f} letters/s)"
        )

    def _organisation(self) -> Organisation:
        organisation = Organisation.objects.first()
        if organisation is not None:
            return organisation
        hub = Hub.objects.create(
            name="基准测试基地", slug="bench-hub", district="城厢镇", operator="-", address="-"
        )
        return Organisation.objects.create(
            name="基准测试机构",
            hub=hub,
            contact_name="-",
            contact_phone="-",
            contact_email="bench@example.org",
        )
