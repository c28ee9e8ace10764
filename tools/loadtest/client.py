"""The load-test client: threads of simulated people, each with its own HTTP session, for a fixed
time against a running site. It needs no Django, only ``requests``.

- **Readers** (anonymous): the home page, the tender index and tender pages, guidance pages,
  letter verification and the two open-data feeds.
- **Organisations** (one thread per organisation admin, logged in through the real login form
  with its CSRF token): the portal overview; a bid on each open tender, submitted and
  sometimes withdrawn; a subsidy application with two staff lines and a payroll PDF, submitted,
  sometimes withdrawn and applied for again.
- **Hub managers** recommend (sometimes return) the submitted applications of their hubs, and
  a **bureau officer** approves the recommended ones for the amount proposed, or rejects them
  (also when the envelope no longer covers them), through the back-office action forms. Staff
  log in with their password and then the code of their demo authenticator, computed here.
  Both also allocate seats of their hubs' spaces to the load organisations, the bureau and a
  hub manager competing for the same spaces.

One form post in ten (``LOADTEST_DOUBLE_CLICKS``) goes out twice at once, as a double click
does, recorded as ``<kind>_double_click``. Every response is recorded with its kind and time.
A 5xx or a failed connection is an error; any other status a step did not expect is counted
as unexpected and reported."""

import hashlib
import hmac
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import requests

from tools.loadtest.html import form_with, forms

# The smallest well-formed PDF: enough for the upload checks (extension and content).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
INSPECT = re.compile(r"/admin/subsidy_applications/inspect/(\d+)/")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
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


class Reader(Person):
    """An anonymous visitor reading public pages and data."""

    def step(self) -> None:
        plan, choice = self.plan, self.random.random()
        if choice < 0.15:
            self.get("home", plan["home"])
        elif choice < 0.30:
            self.get("tender_index", plan["tender_index"])
        elif choice < 0.50 and plan["tender_pages"]:
            self.get("tender_page", self.random.choice(plan["tender_pages"]))
        elif choice < 0.70 and plan["guidance_pages"]:
            self.get("guidance_page", self.random.choice(plan["guidance_pages"]))
        elif choice < 0.85 and plan["letter_codes"]:
            code = self.random.choice(plan["letter_codes"])
            self.get("letter_verify", f"/zh-hans/letters/verify/{code}/")
        elif choice < 0.93:
            self.get("open_data_360giving", plan["open_data"][0])
        else:
            self.get("open_data_ocds", plan["open_data"][1])


class OrganisationAdmin(Person):
    """An organisation's admin: bids for open tenders and applies for the load-test scheme."""

    def __init__(self, *, username: str, **kwargs):
        super().__init__(**kwargs)
        self.username = username

    def start(self) -> bool:
        return self.login(self.username)

    def step(self) -> None:
        choice = self.random.random()
        if choice < 0.2:
            self.get("portal_overview", "/zh-hans/portal/")
        elif choice < 0.6 and self.plan["open_tenders"]:
            self.bid(self.random.choice(self.plan["open_tenders"]))
        else:
            self.subsidy()

    def bid(self, tender: int) -> None:
        path = f"/zh-hans/portal/tenders/{tender}/bid/"
        page = self.get("bid_form", path)
        if page is None or page.status_code != 200:
            return
        form = form_with(page.text, "price")
        if form is None:  # not eligible, or the tender closed
            self.recorder.note("bid form not offered")
            return
        withdraw = f"/zh-hans/portal/tenders/{tender}/withdraw/"
        has_bid = any(other.action == withdraw for other in forms(page.text))
        if has_bid and self.random.random() < 0.2:
            token = form.fields.get("csrfmiddlewaretoken", "")
            response = self.submit("bid_withdraw", withdraw, {"csrfmiddlewaretoken": token}, MOVED)
            if response is not None and response.status_code == 302:
                self.recorder.note("bids withdrawn")
            return
        data = dict(form.fields)
        data.update(
            method_statement="分片区组建服务小组，每周上门两次，建立服务档案并回访。",
            staffing_plan="项目主管一名（社会工作师），社工三名，护理员六名。",
            price=f"{self.random.randint(150, 350) * 1000}.00",
            declaration="on",
            submit="",
        )
        response = self.submit("bid_submit", path, data, expect=(302, 200))
        if response is not None and response.status_code == 302:
            self.recorder.note("bids submitted")

    def subsidy(self) -> None:
        scheme = self.plan["scheme"]
        path = f"/zh-hans/portal/subsidies/schemes/{scheme}/apply/"
        page = self.get("subsidy_apply", path, expect=(200, 302))
        if page is None:
            return
        if page.status_code == 302:
            path = page.headers["Location"].removeprefix(self.base_url)
            kind = "subsidy_edit" if path.endswith("/edit/") else "subsidy_detail"
            page = self.get(kind, path)
            if page is None or page.status_code != 200:
                return
            if kind == "subsidy_detail":
                self.maybe_withdraw(path, page.text)
                return
        form = form_with(page.text, "lines-TOTAL_FORMS")
        if form is None:
            return
        data = dict(form.fields)
        for index in range(2):
            data.update(
                {
                    f"lines-{index}-name": self.random.choice(SURNAMES) + "晓明",
                    f"lines-{index}-title": "社工",
                    f"lines-{index}-qualification": self.random.choice(
                        ["none", "assistant", "social_worker"]
                    ),
                    f"lines-{index}-employment_started_on": "2025-07-01",
                    f"lines-{index}-monthly_salary": f"{self.random.randint(55, 95)}00.00",
                    f"lines-{index}-months": "12",
                }
            )
        data["action"] = "submit"
        files = {"payroll": ("payroll.pdf", PDF, "application/pdf")}
        response = self.submit("subsidy_submit", path, data, expect=(302, 200), files=files)
        if response is not None and "/edit/" not in response.headers.get("Location", "/edit/"):
            self.recorder.note("subsidy applications submitted")

    def maybe_withdraw(self, path: str, html: str) -> None:
        withdraw = path.rstrip("/") + "/withdraw/"
        if withdraw not in html or self.random.random() > 0.15:
            return
        data = {"csrfmiddlewaretoken": self.csrf(html)}
        response = self.submit("subsidy_withdraw", withdraw, data, MOVED)
        if response is not None and response.status_code == 302:
            self.recorder.note("subsidy applications withdrawn")


def totp(key_hex: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The time-based one-time code (RFC 6238) an authenticator app shows for this secret."""
    counter = int(time.time() if at is None else at) // step
    mac = hmac.new(bytes.fromhex(key_hex), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = (int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


class Officer(Person):
    """Staff deciding on subsidy applications in the back office through the action forms.
    They log in like anyone, then confirm with their authenticator's code."""

    status = ""

    def __init__(self, *, username: str, **kwargs):
        super().__init__(**kwargs)
        self.username = username

    def start(self) -> bool:
        if not self.login(self.username):
            return False
        admin = self.get("admin_dashboard", "/admin/", expect=(200, 302))
        if admin is None or admin.status_code == 200:
            return admin is not None  # no second factor asked for
        path = admin.headers["Location"].removeprefix(self.base_url)
        page = self.get("two_factor_form", path)
        if page is None or page.status_code != 200:
            return False
        form = form_with(page.text, "code")
        data = dict(form.fields) if form else {}
        data["code"] = totp(self.plan["totp_keys"][self.username])
        response = self.post("two_factor", path, data)
        return response is not None and response.status_code == 302

    def waiting(self) -> list[str]:
        page = self.get(
            "admin_application_list", f"/admin/subsidy_applications/?status={self.status}"
        )
        if page is None or page.status_code != 200:
            return []
        return sorted(set(INSPECT.findall(page.text)))

    def act(self, kind: str, action: str, pk: str, fill) -> int | None:
        """Open an action form, fill it in and post it; the response status, or None."""
        path = f"/admin/subsidy_applications/{action}/{pk}/"
        page = self.get(f"{kind}_form", path, expect=(200, 404))
        if page is None or page.status_code != 200:
            return None
        form = form_with(page.text, "csrfmiddlewaretoken")
        data = dict(form.fields) if form else {}
        fill(data)
        # 200: the service refused (the form says why), e.g. the application moved meanwhile.
        response = self.submit(kind, path, data, expect=(302, 200))
        return response.status_code if response is not None else None

    allocating = 0.0  # the share of steps spent allocating seats

    def allocate(self) -> None:
        """Give a load organisation some seats of a space of its hub, for a few months."""
        paths = self.plan["allocate"].get(self.username)
        if not paths:
            return
        path = self.random.choice(paths)
        page = self.get("allocate_form", path)
        if page is None or page.status_code != 200:
            return
        form = form_with(page.text, "space")
        spaces = [value for value in form.options.get("space", []) if value] if form else []
        if not spaces:
            return
        starts_on = date.today() + timedelta(days=self.random.randint(1, 90))
        data = dict(form.fields)
        data.update(
            space=self.random.choice(spaces),
            seats=str(self.random.randint(1, 3)),
            starts_on=starts_on.isoformat(),
            ends_on=(starts_on + timedelta(days=self.random.randint(30, 180))).isoformat(),
        )
        # 200: refused, most often because the space has no seats left on some day.
        response = self.submit("allocate", path, data, expect=(302, 200))
        if response is not None:
            self.recorder.note(
                "allocations made" if response.status_code == 302 else "allocations refused"
            )

    def step(self) -> None:
        choice = self.random.random()
        if choice < 0.1:
            self.get("admin_dashboard", "/admin/")
            return
        if choice < 0.1 + self.allocating:
            self.allocate()
            return
        waiting = self.waiting()
        if not waiting:
            time.sleep(0.5)
            return
        self.decide(self.random.choice(waiting))


class HubManager(Officer):
    """Recommends submitted applications of the hubs it manages (returns one in ten), and
    allocates seats."""

    status = "submitted"
    allocating = 0.25

    def decide(self, pk: str) -> None:
        if self.random.random() < 0.1:
            status = self.act("return", "return", pk, lambda d: d.update(reason="请补充社保记录。"))
            if status == 302:
                self.recorder.note("subsidy applications returned")
            return
        status = self.act("recommend", "recommend", pk, lambda d: d.update(note="材料齐全。"))
        if status == 302:
            self.recorder.note("subsidy applications recommended")


class BureauOfficer(Officer):
    """Approves recommended applications for the amount proposed (one in five for less), and
    rejects one in ten, or any the envelope no longer covers; sometimes allocates seats."""

    status = "recommended"
    allocating = 0.15

    def decide(self, pk: str) -> None:
        reject = {"reason": "本年度补贴资金已不足以支持该申请。"}
        if self.random.random() < 0.1:
            if self.act("reject", "reject", pk, lambda d: d.update(reject)) == 302:
                self.recorder.note("subsidy applications rejected")
            return

        def fill(data):
            if self.random.random() < 0.2 and data.get("approved_amount"):
                data["approved_amount"] = f"{float(data['approved_amount']) * 0.8:.2f}"
            data["conditions"] = "按季度提交工资发放凭证。"

        status = self.act("approve", "approve", pk, fill)
        if status == 302:
            self.recorder.note("subsidy applications approved")
        elif status == 200:
            self.recorder.note("approvals refused (envelope, or moved meanwhile)")
            if self.act("reject", "reject", pk, lambda d: d.update(reject)) == 302:
                self.recorder.note("subsidy applications rejected")


def drive(*, base_url: str, plan: dict, seconds: float, readers: int, organisations: int):
    """Run every simulated person for ``seconds``; return the recorder and the elapsed time."""
    recorder = Recorder()
    stop_at = time.monotonic() + seconds
    common = {"base_url": base_url, "plan": plan, "recorder": recorder, "stop_at": stop_at}
    people: list[Person] = [Reader(seed=f"reader{n}", **common) for n in range(readers)]
    people += [
        OrganisationAdmin(username=name, seed=name, **common)
        for name in plan["organisations"][:organisations]
    ]
    people += [HubManager(username=name, seed=name, **common) for name in plan["hub_managers"]]
    people.append(BureauOfficer(username=plan["bureau"], seed="bureau", **common))
    threads = [threading.Thread(target=person.run, daemon=True) for person in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return recorder, time.monotonic() - started
