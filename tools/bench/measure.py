"""In-process measurement for the bench: each page is requested through Django's test client
with warm caches, timed (median and 95th percentile of the wall clock, and of this process's
CPU time, which a machine shared with other work inflates less) and its queries counted;
letters are rendered through the letter service to count letters per second.

A ``Target`` names the page, who asks for it and the limits it must meet (the pages are listed
in ``tools.bench.targets``). Staff are verified by their authenticator in the session, as after
a real second-factor login, so the two-factor middleware costs what it costs in production."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

# Limits of issue 9: (queries, p95 in ms) per kind of page.
LIMITS = {"public": (10, 50.0), "portal": (30, 300.0), "admin": (40, 300.0)}


class BenchError(Exception):
    """A page did not answer 200, or the data the bench needs is missing."""


@dataclass
class Target:
    """One page to measure: ``url`` and ``rows`` are computed when measured, since ids
    change as the data grows; ``rows`` counts what the page is about (its table's size)."""

    name: str
    kind: str
    url: Callable[[], str]
    rows: Callable[[], int]
    username: str | None = None


@dataclass
class Result:
    """The figures of one target at one size."""

    name: str
    kind: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    rows: int
    extra: dict = field(default_factory=dict)

    @property
    def limits(self) -> tuple[int, float] | None:
        return LIMITS.get(self.kind)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "url": self.url,
            "median_ms": round(self.median_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
            "queries": self.queries,
            "rows": self.rows,
            **self.extra,
        }


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` between 0 and 1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def client_for(username: str | None) -> Client:
    """A test client signed in as ``username`` (anonymous for None); staff sessions are
    verified by their confirmed authenticator, created if they have none."""
    client = Client()
    if username is None:
        return client
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure_page(target: Target, *, repeat: int = 30, warmup: int = 3) -> Result:
    """Time ``repeat`` requests of ``target`` after ``warmup`` ones, and count the queries of
    one more (counting adds a little time, so it is kept apart from the timed runs)."""
    client = client_for(target.username)
    url = target.url()
    for _ in range(warmup):
        _get(client, url)
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        _get(client, url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return Result(
        name=target.name,
        kind=target.kind,
        url=url,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=len(queries),
        rows=target.rows(),
        extra={
            "cpu_median_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        },
    )


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise BenchError(f"{url} answered {response.status_code}")
    return response


# Issued letters are rendered by a task; in the bench the task is only recorded (dummy backend)
# so that the rendering is what the bench times.
DEFERRED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def issue_award_letter():
    """A subsidy award letter issued through the letter service, waiting for its PDF, for the
    first approved application of the city."""
    from incubator.kernel.services.letters import letter_issue
    from subsidies.models import SubsidyApplication

    application = (
        SubsidyApplication.objects.filter(status=SubsidyApplication.Status.APPROVED)
        .select_related("organisation", "scheme")
        .order_by("pk")
        .first()
    )
    if application is None:
        raise BenchError("No approved subsidy application to write award letters for.")
    return letter_issue(
        kind="subsidy_award",
        recipient=application.organisation,
        subject=application,
        title=f"关于核定{application.scheme.name}的通知",
        details={"scheme_name": application.scheme.name, "conditions": ""},
        amount=application.approved_amount or Decimal("1.00"),
    )


def measure_letters(*, count: int = 10) -> Result:
    """Issue and render ``count`` subsidy award letters through the letter service (after
    one warm-up that loads the fonts), inside a transaction that is rolled back; the files
    written are deleted."""
    from incubator.kernel.services.letter_rendering import letter_render
    from incubator.models import Letter

    timings, query_counts, written = [], [], []
    storage = Letter._meta.get_field("file").storage
    try:
        with override_settings(TASKS=DEFERRED_TASKS), transaction.atomic():
            for number in range(count + 1):
                letter = issue_award_letter()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    rendered = letter_render(letter_id=letter.pk)
                elapsed = (time.perf_counter() - started) * 1000
                written.append(rendered.file.name)
                if number:  # the first one loads fonts: a warm-up
                    timings.append(elapsed)
                    query_counts.append(len(queries))
            transaction.set_rollback(True)
    finally:
        for name in written:
            storage.delete(name)
    return Result(
        name="award letters",
        kind="letters",
        url="",
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=max(query_counts),
        rows=count,
        extra={"letters_per_second": round(1000 / statistics.mean(timings), 2)},
    )
