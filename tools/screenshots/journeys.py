"""The journeys the README shows, one per role, each a list of steps: a page to open (a path) or
a link to follow on the page already open (``click``), optionally scrolled to ``focus``."""

from dataclasses import dataclass, field

STAFF = {"admin", "bureau", "hubmanager", "basemanager", "evaluator", "communityworker"}


@dataclass(frozen=True)
class Step:
    """One screenshot: open ``path`` or click ``click`` (a selector), then scroll to ``focus``."""

    name: str
    path: str = ""
    click: str = ""
    focus: str = ""

    def walk(self, page, base_url: str) -> None:
        if self.path:
            page.goto(base_url + self.path)
        if self.click:
            page.locator(self.click).first.click()
        if self.focus:
            page.locator(self.focus).first.scroll_into_view_if_needed()


@dataclass(frozen=True)
class Journey:
    """A role's steps, as the demo user ``username`` (nobody when blank)."""

    role: str
    username: str
    steps: list[Step] = field(default_factory=list)


PORTAL_TASK = ".todo__title"  # the first item of the portal's task list
ADMIN_TASK = "#todo-now tbody a"  # the first of the admin home's "needs me now"

JOURNEYS = [
    Journey(
        "applicant",
        "gu.min@demo.taicang.example",  # the demo's applicant whose email is confirmed
        [
            Step("home", "/zh-hans/"),
            Step("apply", "/zh-hans/incubator/apply/"),
            Step("status", "/zh-hans/portal/application/"),
        ],
    ),
    Journey(
        "organisation",
        "orgadmin",
        [
            Step("tasks", "/zh-hans/portal/"),
            Step("first-task", click=PORTAL_TASK),
            Step("milestones", "/zh-hans/portal/milestones/"),
            Step("subsidies", "/zh-hans/portal/subsidies/"),
            Step("tenders", "/zh-hans/tenders/"),
            Step("bids", "/zh-hans/portal/tenders/"),
            Step(
                "contract",
                "/zh-hans/portal/tenders/contracts/",
                click="main a[href*='/portal/tenders/contracts/']:not([href$='/contracts/'])",
            ),
        ],
    ),
    Journey(
        "hub-manager",
        "hubmanager",
        [Step("tasks", "/admin/"), Step("first-task", click=ADMIN_TASK)],
    ),
    Journey(
        "bureau-officer",
        "bureau",
        [Step("tasks", "/admin/"), Step("first-task", click=ADMIN_TASK)],
    ),
    Journey(
        "evaluator",
        "evaluator",
        [Step("tasks", "/admin/"), Step("first-task", click=ADMIN_TASK)],
    ),
    Journey(
        "community-worker",
        "communityworker",
        [
            Step("holders", "/admin/voucher-holders/"),
            Step("print", click="a[href$='/admin/voucher-holders/statements/']"),
        ],
    ),
]
