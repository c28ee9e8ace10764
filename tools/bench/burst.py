"""A burst of residents answering one site's feedback page at once, as when a day-care
centre's service users all scan the poster after a morning's activity: many simulated phones,
each with its own device cookie and CSRF token, each tapping "Send" twice at the same moment
(a double tap), through the real view on threads of their own, each thread with its own
database connection. Afterwards every phone must have exactly one answer stored: none lost,
none counted twice; the second tap is refused as the page refuses it.

The view's rate limit counts per client address (``RATE_LIMITS["feedback"]``, 60 an hour):
the limit stays on, and each simulated phone has an address of its own, as phones on mobile
networks have. Phones behind one community wifi would share one and meet that limit; that is
the trade-off the setting documents, not what this burst measures."""

import logging
import queue
import re
import statistics
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tools.bench.measure import BenchError, Result, percentile

FEEDBACK_PHONES = 200
FEEDBACK_THREADS = 8
TAPS = 2  # each phone sends its answer twice at once
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class _Phone:
    """One simulated phone: its address, its cookies (the device token, the CSRF cookie) and
    the CSRF token of the form it was shown."""

    address: str
    cookies: dict
    token: str


def feedback_site():
    """The site the burst answers: the first one taking feedback (the demo's day-care
    centre in the bench's city)."""
    from tenders.models import ServiceSite

    site = ServiceSite.objects.filter(feedback_open=True).order_by("pk").first()
    if site is None:
        raise BenchError("No service site takes feedback: the demo world has one.")
    return site


def _client(address: str) -> Client:
    """A client that checks CSRF as the browser's request is checked, from ``address`` (in
    the proxy's header too, where one is configured)."""
    extra = {"REMOTE_ADDR": address}
    header = settings.RATE_LIMIT_CLIENT_IP_HEADER
    if header:
        extra["HTTP_" + header.upper().replace("-", "_")] = address
    return Client(enforce_csrf_checks=True, **extra)


def _phone(url: str, number: int) -> _Phone:
    """A phone that opened the page: it got its device cookie and the form's CSRF token."""
    address = f"10.{77 + number // 62500}.{number // 250 % 250}.{number % 250 + 1}"
    client = _client(address)
    response = client.get(url)
    match = _CSRF.search(response.content.decode())
    if response.status_code != 200 or match is None:
        raise BenchError(f"{url} answered {response.status_code} without a form")
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return _Phone(address=address, cookies=cookies, token=match.group(1))


def _tap(url: str, phone: _Phone, rating: int) -> tuple[int, float, str]:
    """One tap on "Send": the status, the time it took (ms) and the page's text."""
    client = _client(phone.address)
    for name, value in phone.cookies.items():
        client.cookies[name] = value
    data = {"rating": str(rating), "respondent": "resident", "csrfmiddlewaretoken": phone.token}
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, elapsed, response.content.decode()


@contextmanager
def _expected_refusals_unlogged():
    """Django logs every 400 as a warning ("Bad Request"); the refused second taps are
    expected, so they are kept out of the bench's output while the burst runs (errors show)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def feedback_burst(site, *, phones: int = FEEDBACK_PHONES, threads: int = FEEDBACK_THREADS):
    """Open the page on ``phones`` phones, then send every phone's answer twice at once from
    ``threads`` threads; count what the view accepted and refused and what was stored. The
    answers stored are deleted afterwards, so the city is as it was. Returns the figures."""
    from tenders.models import FeedbackResponse
    from tenders.services.feedback import ALREADY_ANSWERED

    with translation.override("zh-hans"):
        url = reverse("site_feedback", kwargs={"code": site.code})
        refusal = escape(str(ALREADY_ANSWERED))
    before = set(FeedbackResponse.objects.filter(site=site).values_list("pk", flat=True))
    opened = [_phone(url, number) for number in range(phones)]
    taps: queue.Queue = queue.Queue()
    for number, phone in enumerate(opened):
        for _ in range(TAPS):  # one after the other in the queue: taken by two threads at once
            taps.put((phone, number % 5 + 1))
    start = threading.Barrier(threads + 1)
    lock = threading.Lock()
    accepted, refused, timings, unexpected = [], [], [], []

    def work():
        try:
            start.wait()
            while True:
                try:
                    phone, rating = taps.get_nowait()
                except queue.Empty:
                    return
                try:
                    status, elapsed, text = _tap(url, phone, rating)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    with lock:
                        unexpected.append(repr(error))
                    continue
                with lock:
                    timings.append(elapsed)
                    if status == 302:
                        accepted.append(phone.address)
                    elif status == 400 and refusal in text:
                        refused.append(phone.address)
                    else:
                        unexpected.append(f"{phone.address}: {status}")
        finally:
            close_old_connections()
            connection.close()

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    with _expected_refusals_unlogged():
        for worker in workers:
            worker.start()
        start.wait()
        started = time.perf_counter()
        for worker in workers:
            worker.join()
        wall = time.perf_counter() - started
    stored = FeedbackResponse.objects.filter(site=site).exclude(pk__in=before)
    marks = list(stored.values_list("device", flat=True))
    figures = {
        "url": url,
        "phones": phones,
        "threads": threads,
        "submissions": phones * TAPS,
        "accepted": len(accepted),
        "refused_repeats": len(refused),
        "unexpected": unexpected[:5],
        "unexpected_count": len(unexpected),
        "stored": len(marks),
        "phones_answered": len(set(marks)),
        "phones_answered_twice": len(marks) - len(set(marks)),
        "phones_accepted_twice": len(accepted) - len(set(accepted)),
        "timings": timings,
        "seconds": wall,
    }
    stored.delete()
    return figures


def measure_feedback_burst(
    site=None, *, phones: int = FEEDBACK_PHONES, threads: int = FEEDBACK_THREADS
) -> Result:
    """The burst on ``site`` (``feedback_site()`` if None) as a bench result."""
    return burst_result(feedback_burst(site or feedback_site(), phones=phones, threads=threads))


def burst_result(burst: dict) -> Result:
    """A burst's figures as a bench result: the latency of a tap (median and 95th percentile),
    the requests and the answers stored a second, and whether every phone's answer was stored
    once (none lost, none counted twice, every second tap refused, nothing unexpected)."""
    burst = dict(burst)
    timings = burst.pop("timings") or [0.0]
    seconds = burst.pop("seconds") or float("inf")
    lost = burst["phones"] - burst["phones_answered"]
    met = (
        burst["unexpected_count"] == 0
        and lost == 0
        and burst["phones_answered_twice"] == burst["phones_accepted_twice"] == 0
        and burst["accepted"] == burst["stored"] == burst["phones"]
        and burst["refused_repeats"] == burst["submissions"] - burst["phones"]
    )
    return Result(
        name="feedback burst",
        kind="burst",
        url=burst.pop("url"),
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=0,
        rows=burst["stored"],
        extra={
            **burst,
            "lost": lost,
            "requests_per_second": round(burst["submissions"] / seconds, 1),
            "answers_per_second": round(burst["stored"] / seconds, 1),
            "rate_limit": "on; one client address per phone",
            "met": met,
        },
    )
