"""What the bench measures besides pages (issue 17): the memory an export takes as it streams
(the peak resident memory of this process above what it held before, read from Linux's
``/proc``), and whether anonymous clients downloading the open-data packages slow the home
page down for everyone else."""

import ctypes
import multiprocessing
import statistics
import time
from pathlib import Path

from django.db import connections
from django.test import Client

from tools.bench.measure import Result, client_for, percentile

STATUS = Path("/proc/self/status")
# Each open-data client reads at this many bytes a second, as over a fast line (80 Mbit/s);
# a client on the same machine with no network between would only measure the CPU it steals.
CLIENT_BANDWIDTH = 10 * 1024 * 1024
OPEN_DATA_CLIENTS = 3


def _status_kb(field: str) -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    """Give the memory freed so far back to the system (else an export would only reuse it,
    and seem to cost nothing), then start the peak resident memory (VmHWM) again from now;
    False where Linux and glibc cannot."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure_export(name: str, url: str, rows, *, username: str) -> Result:
    """Download ``url`` (an export) to the end as ``username``; its time, its size and how
    far the process's resident memory rose above where it stood before."""
    client = client_for(username)
    resettable = _reset_peak()
    before = _status_kb("VmRSS")
    started = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        from tools.bench.measure import BenchError

        raise BenchError(f"{url} answered {response.status_code}")
    chunks = response.streaming_content if response.streaming else [response.content]
    size = sum(len(chunk) for chunk in chunks)
    elapsed = (time.perf_counter() - started) * 1000
    growth = (_status_kb("VmHWM") - before) / 1024 if resettable else float("nan")
    return Result(
        name=name,
        kind="export",
        url=url,
        median_ms=elapsed,
        p95_ms=elapsed,
        queries=0,
        rows=rows(),
        extra={"bytes": size, "memory_growth_mb": round(max(growth, 0.0), 1)},
    )


def _download_forever(urls: list[str], stop, served) -> None:
    """An anonymous client (in a process of its own) reading ``urls`` over and over at
    ``CLIENT_BANDWIDTH`` until ``stop`` is set; counts the pages it read in ``served``."""
    client = Client()
    while not stop.is_set():
        for url in urls:
            response = client.get(url)
            chunks = response.streaming_content if response.streaming else [response.content]
            for chunk in chunks:
                time.sleep(len(chunk) / CLIENT_BANDWIDTH)
            with served.get_lock():
                served.value += 1
            if stop.is_set():
                break


def _medians(client: Client, url: str, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def open_data_urls() -> list[str]:
    """Every page of every open-data publication, as a client following the links would."""
    from incubator.kernel.models import PublishedPage
    from incubator.kernel.publications import PUBLICATIONS

    return [
        PUBLICATIONS[name].url_of(number)
        for name, number in PublishedPage.objects.order_by("publication", "number").values_list(
            "publication", "number"
        )
        if name in PUBLICATIONS
    ]


def measure_open_data_clients(home_url: str, *, repeat: int = 30) -> Result:
    """The home page's median alone, then while ``OPEN_DATA_CLIENTS`` anonymous clients (each
    a process of its own) download every open-data page over and over, then alone again."""
    urls = open_data_urls()
    client = client_for(None)
    for _ in range(3):
        client.get(home_url)
    alone = _medians(client, home_url, repeat)
    # The clients are forked: no connection may be shared with them.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    stop, served = context.Event(), context.Value("i", 0)
    workers = [
        context.Process(target=_download_forever, args=(urls, stop, served), daemon=True)
        for _ in range(OPEN_DATA_CLIENTS)
    ]
    for worker in workers:
        worker.start()
    time.sleep(2)  # let them get going
    busy = _medians(client, home_url, repeat)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    again = _medians(client, home_url, repeat)
    quiet = statistics.median(alone + again)
    noise = max(abs(statistics.median(alone) - statistics.median(again)), 0.1 * quiet)
    return Result(
        name="home page with open-data clients",
        kind="open_data",
        url=home_url,
        median_ms=statistics.median(busy),
        p95_ms=percentile(busy, 0.95),
        queries=0,
        rows=len(urls),
        extra={
            "median_ms_alone": round(quiet, 1),
            "noise_ms": round(noise, 1),
            "clients": OPEN_DATA_CLIENTS,
            "client_bandwidth_mb_s": CLIENT_BANDWIDTH / 1024 / 1024,
            "pages_served": served.value,
            "met": statistics.median(busy) - quiet <= noise,
        },
    )
