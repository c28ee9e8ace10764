"""The journeys the README shows, one per role, each a list of steps: a page to open (a path) or
a link to follow on the page already open (``click``), optionally scrolled to ``focus``."""

from dataclasses import dataclass, field

STAFF = {"admin", "bureau", "hubmanager", "basemanager", "evaluator"}


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


JOURNEYS = [
    Journey(
        "applicant",
        "",
        [
            Step("home", "/zh-hans/"),
            Step("apply", "/zh-hans/incubator/apply/"),
        ],
    ),
    Journey(
        "organisation",
        "orgadmin",
        [
            Step("overview", "/zh-hans/portal/"),
            Step("milestones", "/zh-hans/portal/milestones/"),
            Step("subsidies", "/zh-hans/portal/subsidies/"),
            Step("bids", "/zh-hans/portal/tenders/"),
        ],
    ),
    Journey("hub-manager", "hubmanager", [Step("home", "/admin/")]),
    Journey("bureau-officer", "bureau", [Step("home", "/admin/")]),
    Journey("evaluator", "evaluator", [Step("home", "/admin/")]),
]
