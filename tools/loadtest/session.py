"""A simulated person's side of the load test: ``Person``, one visitor with its own HTTP
session (cookies) who logs in through the real form, posts forms (one time in ten twice at
once, as a double click does) and loops over its steps until the run ends; and the
``Recorder`` that keeps a ``Sample`` of every response. The roles are in ``people`` and
``officers``; ``client`` drives them all."""

import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import requests

from tools.loadtest.html import forms

OK, MOVED = (200,), (302,)


@dataclass
class Sample:
    """One response (or failure to get one)."""

    kind: str
    status: int | None
    seconds: float
    unexpected: bool = False


@dataclass
class Recorder:
    """Every sample of the run; appending to a list is atomic in CPython."""

    samples: list[Sample] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, what: str) -> None:
        """Count a domain event (a bid submitted, an approval refused...)."""
        with self.lock:
            self.notes[what] += 1


class Person:
    """A simulated visitor with its own session (cookies), looping until ``stop_at``."""

    def __init__(self, *, base_url: str, plan: dict, recorder: Recorder, stop_at: float, seed):
        self.base_url = base_url.rstrip("/")
        self.plan = plan
        self.recorder = recorder
        self.stop_at = stop_at
        self.random = random.Random(seed)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "incubator-loadtest"
        self.think = plan.get("think_seconds", 0.1)
        self.double_clicks = plan.get("double_clicks", 0.1)

    def request(self, kind: str, method: str, path: str, expect=OK, session=None, **kwargs):
        """One request, recorded; redirects are not followed (each hop is its own request)."""
        started = time.perf_counter()
        try:
            response = (session or self.session).request(
                method, self.base_url + path, allow_redirects=False, timeout=60, **kwargs
            )
        except requests.RequestException:
            self.recorder.samples.append(Sample(kind, None, time.perf_counter() - started))
            return None
        elapsed = time.perf_counter() - started
        unexpected = response.status_code not in expect
        self.recorder.samples.append(Sample(kind, response.status_code, elapsed, unexpected))
        return response

    def get(self, kind: str, path: str, expect=OK, **kwargs):
        return self.request(kind, "GET", path, expect, **kwargs)

    def post(self, kind: str, path: str, data: dict, expect=MOVED, **kwargs):
        headers = {"Referer": self.base_url + path}
        return self.request(kind, "POST", path, expect, data=data, headers=headers, **kwargs)

    def submit(self, kind: str, path: str, data: dict, expect, **kwargs):
        """Post a form; one time in ten twice at once, as an impatient double click does (the
        twin goes out on a second connection with the same cookies)."""
        if self.random.random() >= self.double_clicks:
            return self.post(kind, path, data, expect, **kwargs)
        twin = requests.Session()
        twin.headers.update(self.session.headers)
        twin.cookies.update(self.session.cookies)
        headers = {"Referer": self.base_url + path}
        other = threading.Thread(
            target=self.request,
            args=(f"{kind}_double_click", "POST", path, expect),
            kwargs={"session": twin, "data": data, "headers": headers, **kwargs},
        )
        other.start()
        response = self.post(kind, path, data, expect, **kwargs)
        other.join()
        self.recorder.note("double clicks")
        return response

    def csrf(self, html: str) -> str:
        for form in forms(html):
            if "csrfmiddlewaretoken" in form.fields:
                return form.fields["csrfmiddlewaretoken"]
        return ""

    def login(self, username: str) -> bool:
        path = "/zh-hans/accounts/login/"
        page = self.get("login_form", path)
        if page is None or page.status_code != 200:
            return False
        data = {
            "csrfmiddlewaretoken": self.csrf(page.text),
            "username": username,
            "password": self.plan["password"],
        }
        response = self.post("login", path, data)
        return response is not None and response.status_code == 302

    def pause(self) -> None:
        time.sleep(self.random.uniform(0, 2 * self.think))

    def run(self) -> None:
        if not self.start():
            self.recorder.note(f"{type(self).__name__.lower()} could not start")
            return
        while time.monotonic() < self.stop_at:
            try:
                self.step()
            except Exception as error:  # a bug of the client, not of the site: count it, go on
                self.recorder.note(f"client error {type(error).__name__}: {error}"[:120])
            self.pause()

    def start(self) -> bool:
        return True

    def step(self) -> None:
        raise NotImplementedError
