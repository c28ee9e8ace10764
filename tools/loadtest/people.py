"""The public and the organisations of the load test (the staff are in ``officers``):

- ``Reader``, anonymous: the home page, the tender index and tender pages, guidance pages,
  letter verification and the two open-data feeds.
- ``OrganisationAdmin``, logged in through the real login form with its CSRF token: the portal
  overview; a bid on each open tender, submitted and sometimes withdrawn; a subsidy
  application with two staff lines and a payroll PDF, submitted, sometimes withdrawn and
  applied for again."""

from tools.loadtest.html import form_with, forms
from tools.loadtest.session import MOVED, Person

# The smallest well-formed PDF: enough for the upload checks (extension and content).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


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
