"""The floors the bench measures our pages against, built inside the bench on the same machine
in the same run: a bare Wagtail page as large as the public tender page (Wagtail's routing and
``serve`` with a template that only writes out its bytes), and bare WeasyPrint on the very HTML
of a letter. A ratio to its floor says what our own code costs, whatever the machine."""

import statistics
import time
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.template import engines

from tools.bench.measure import Result, client_for, percentile

BARE = (
    '<!doctype html><html lang="zh-hans"><head><meta charset="utf-8">'
    "<title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>%s</body></html>"
)


@contextmanager
def bare_page(size: int):
    """A plain Wagtail ``Page`` under the Chinese home page whose response is ``size`` bytes,
    for as long as the context lasts (created in a transaction that is rolled back)."""
    from wagtail.models import Page

    from cms.models import HomePage

    home = HomePage.objects.live().filter(locale__language_code="zh-hans").first()
    skeleton = len((BARE % "").replace("{{ page.title }}", "基准页面").encode())
    filler = "<p>" + "页" * max(0, (size - skeleton - 7) // 3) + "</p>"
    template = engines["django"].from_string(BARE % filler)
    with transaction.atomic():
        page = home.add_child(instance=Page(title="基准页面", slug="bench-bare-page"))
        with mock.patch.object(Page, "get_template", lambda self, *args, **kwargs: template):
            yield page.url
        transaction.set_rollback(True)


def _timed(call, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def measure_tender_page_floor(tender_url: str, *, repeat: int = 30, warmup: int = 3) -> Result:
    """The public tender page against a bare Wagtail page of the same size, timed turn by
    turn (so that whatever else the machine does falls on both alike)."""
    client = client_for(None)
    size = len(client.get(tender_url).content)
    with bare_page(size) as bare_url:
        bare_size = len(client.get(bare_url).content)
        for _ in range(warmup):
            client.get(tender_url), client.get(bare_url)
        ours, ours_cpu, floor, floor_cpu = [], [], [], []
        for _ in range(repeat):
            for url, wall, cpu in ((tender_url, ours, ours_cpu), (bare_url, floor, floor_cpu)):
                timings = _timed(lambda url=url: _ok(client.get(url)), 1)
                wall += timings[0]
                cpu += timings[1]
    return _ratio_result(
        "tender page / bare Wagtail page",
        tender_url,
        ours,
        ours_cpu,
        floor,
        floor_cpu,
        limit=1.5,
        extra={"bytes": size, "floor_bytes": bare_size},
    )


def _ok(response):
    if response.status_code != 200:
        from tools.bench.measure import BenchError

        raise BenchError(f"the floor page answered {response.status_code}")
    return response


def _ratio_result(name, url, ours, ours_cpu, floor, floor_cpu, *, limit, extra) -> Result:
    ratio = statistics.median(ours) / statistics.median(floor)
    cpu_ratio = statistics.median(ours_cpu) / statistics.median(floor_cpu)
    return Result(
        name=name,
        kind="ratio",
        url=url,
        median_ms=statistics.median(ours),
        p95_ms=percentile(ours, 0.95),
        queries=0,
        rows=len(ours),
        extra={
            "floor_median_ms": round(statistics.median(floor), 1),
            "floor_p95_ms": round(percentile(floor, 0.95), 1),
            "ratio": round(ratio, 2),
            "cpu_ratio": round(cpu_ratio, 2),
            "max_ratio": limit,
            "met": ratio <= limit,
            **extra,
        },
    )


def measure_letter_floor(*, count: int = 10) -> Result:
    """The letter path (``letter_render``: the letter's HTML with its QR code, WeasyPrint, the
    file stored with its SHA-256, the row updated) against bare WeasyPrint on the same HTML
    with the same fetcher, turn by turn, in a transaction that is rolled back."""
    from django.test.utils import override_settings

    from weasyprint import HTML

    from incubator.kernel.rendering import BASE_URL, SafeURLFetcher
    from incubator.kernel.services.letter_rendering import letter_render
    from incubator.kernel.services.letters import letter_html
    from incubator.models import Letter
    from tools.bench.measure import DEFERRED_TASKS, issue_award_letter

    storage = Letter._meta.get_field("file").storage
    ours, ours_cpu, floor, floor_cpu, written = [], [], [], [], []
    try:
        with override_settings(TASKS=DEFERRED_TASKS), transaction.atomic():
            for number in range(count + 1):
                letter = issue_award_letter()
                html = letter_html(letter)
                wall, cpu = _timed(
                    lambda html=html: HTML(
                        string=html, base_url=BASE_URL, url_fetcher=SafeURLFetcher()
                    ).write_pdf(),
                    1,
                )
                started, started_cpu = time.perf_counter(), time.process_time()
                rendered = letter_render(letter_id=letter.pk)
                elapsed = (time.perf_counter() - started) * 1000
                elapsed_cpu = (time.process_time() - started_cpu) * 1000
                written.append(rendered.file.name)
                if number:  # the first of each loads fonts: a warm-up
                    floor += wall
                    floor_cpu += cpu
                    ours.append(elapsed)
                    ours_cpu.append(elapsed_cpu)
            transaction.set_rollback(True)
    finally:
        for name in written:
            storage.delete(name)
    return _ratio_result(
        "letter path / bare WeasyPrint",
        "",
        ours,
        ours_cpu,
        floor,
        floor_cpu,
        limit=1.2,
        extra={},
    )
