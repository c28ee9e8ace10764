"""Reading the admin home in tests as a browser shows it: the page, then each panel that loads
after it (``incubator.kernel.dashboard``) fetched from its address and put in the place of its
placeholder, as ``static/js/admin/dashboard-panels.js`` does."""

import re
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

HOME = "/admin/"
PLACEHOLDER = re.compile(
    r'<section[^>]* id="dashboard-loading-[a-z_]+-section".*?'
    r'data-dashboard-panel="(?P<url>[^"]+)".*?</section>',
    re.DOTALL,
)


@dataclass
class Home:
    """The admin home as shown, and the queries of each request it took (the page's first)."""

    html: str
    queries: list[int]

    @property
    def page_queries(self) -> int:
        return self.queries[0]


def panel_urls(html: str) -> list[str]:
    """The addresses of the panels the page ``html`` loads after it."""
    return [match["url"] for match in PLACEHOLDER.finditer(html)]


def load_home(client, **headers) -> Home:
    """The admin home for the client's user with every lazy panel in place."""
    with CaptureQueriesContext(connection) as page_queries:
        response = client.get(HOME, **headers)
    assert response.status_code == 200
    queries = [len(page_queries)]

    def panel(match: re.Match) -> str:
        with CaptureQueriesContext(connection) as panel_queries:
            answer = client.get(match["url"], **headers)
        assert answer.status_code == 200, match["url"]
        queries.append(len(panel_queries))
        return answer.content.decode()

    html = PLACEHOLDER.sub(panel, response.content.decode())
    return Home(html=html, queries=queries)


def admin_home(client, **headers) -> str:
    """The HTML of the admin home with every lazy panel in place."""
    return load_home(client, **headers).html
