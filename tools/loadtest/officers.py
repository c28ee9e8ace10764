"""The staff of the load test, in the back office through its action forms. They log in with
their password and then the code of their demo authenticator, computed here (``totp``).

- ``HubManager`` recommends (sometimes returns) the submitted applications of its hubs;
- ``BureauOfficer`` approves the recommended ones for the amount proposed, or rejects them
  (also when the envelope no longer covers them).

Both also allocate seats of their hubs' spaces to the load organisations, the bureau and a hub
manager competing for the same spaces."""

import hashlib
import hmac
import re
import time
from datetime import date, timedelta

from tools.loadtest.html import form_with
from tools.loadtest.session import Person

INSPECT = re.compile(r"/admin/subsidy_applications/inspect/(\d+)/")


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
