"""Every public and portal page at 375 px, as a visitor and as an organisation's admin: nothing
scrolls sideways, nothing is wider than the phone unless inside its own scroll box, dates and
short headings never break inside, and axe-core finds no serious or critical violation. The
pages come from the permission registry (every URL we add is there) and from the live CMS
pages of a world like the demo's, so new pages are covered without editing this list."""

import importlib.resources
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import pytest

from tests.factories import build_public_site
from tests.factories.directory import build_directory
from tests.permissions.harness import our_patterns, url_for
from tests.permissions.registry import REGISTRY
from tests.permissions.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Not pages for people to read on a phone: back office, downloads, machine-readable data.
NOT_PAGES = ("admin/", "files/", "open-data/", "sitemap", "documents/")
DOWNLOADS = ("poster/", "photo/")  # files served from the portal's own paths
ACTORS = ("anonymous", "org_a_admin")

# Pages that must be among those walked (paths without the language prefix), so that a page
# quietly dropping out of the registry or the CMS tree fails here rather than going unchecked.
MUST_WALK = {
    "anonymous": [
        r"/",
        r"/tenders/",
        r"/tenders/[^/]+/",
        r"/feedback/[^/]+/",
        r"/feedback/[^/]+/complaint/",
        r"/feedback/[^/]+/performance/",
        r"/complaints/",
        r"/complaints/[^/]+/",
        r"/guidance/",
        r"/guidance/[^/]+/",
        r"/open-data/",
        r"/services/",
        r"/services/site/[^/]+/",
        r"/services/print/[^/]+/[^/]+/",
        r"/search/",
        r"/accounts/login/",
        r"/incubator/apply/",
        r"/letters/verify/",
        r"/vouchers/",
    ],
    "org_a_admin": [
        r"/portal/",
        r"/portal/milestones/",
        r"/portal/milestones/\d+/",
        r"/portal/documents/",
        r"/portal/letters/",
        r"/portal/members/",
        r"/portal/profile/",
        r"/portal/subsidies/",
        r"/portal/subsidies/\d+/",
        r"/portal/subsidies/\d+/edit/",
        r"/portal/subsidies/schemes/\d+/apply/",
        r"/portal/tenders/",
        r"/portal/tenders/\d+/bid/",
        r"/portal/tenders/contracts/",
        r"/portal/tenders/contracts/\d+/",
        r"/portal/tenders/sites/",
        r"/portal/tenders/sites/\d+/",
        r"/portal/tenders/complaints/",
        r"/portal/tenders/complaints/\d+/",
        r"/portal/subsidies/\d+/check/",
        r"/portal/application/",
        r"/accounts/notifications/",
        r"/portal/subsidies/vouchers/record/",
        r"/portal/subsidies/vouchers/receipts/",
        r"/portal/subsidies/vouchers/receipts/\d+/",
        r"/portal/subsidies/vouchers/served/",
        r"/portal/subsidies/vouchers/claims/",
        r"/portal/subsidies/vouchers/claims/\d+/",
        r"/portal/subsidies/vouchers/claims/submit/\d+-\d+/",
    ],
}

AXE = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: `
      + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""

MEASURE = """() => {
  const width = window.innerWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide`);
  }
  const scrolls = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === "auto" || overflow === "scroll")
          && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const describe = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + (element.className && typeof element.className === "string"
       ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 && !scrolls(element)) {
      problems.push(`${describe(element)} reaches ${Math.round(box.right)}px`);
    }
  }
  // Dates and short terms stay on one line.
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.top))).size;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const date = /\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{2}-\\d{2}/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, [hidden]")) continue;
    for (const match of node.data.matchAll(date)) {
      if (lines(node, match.index, match.index + match[0].length) > 1) {
        problems.push(`date "${match[0]}" breaks in ${describe(parent)}`);
      }
    }
    const text = node.data.trim();
    if (parent.closest("th, dt, label, .tag, .status") && text && text.length <= 8
        && !/\\s/.test(text)) {
      const start = node.data.indexOf(text);
      if (lines(node, start, start + text.length) > 1) {
        problems.push(`"${text}" breaks in ${describe(parent)}`);
      }
    }
  }
  return problems;
}"""


def _pages(world) -> list[tuple[str, str]]:
    """(actor, path) of every readable public and portal page."""
    patterns = our_patterns()
    pages = []
    for name, rule in sorted(REGISTRY.items()):
        route = patterns.get(name, "")
        skip = rule.method != "get" or rule.success != 200 or route.startswith(NOT_PAGES)
        if skip or route.endswith(DOWNLOADS):
            continue
        english = url_for(name, rule, world)
        with translation.override("zh-hans"):
            chinese = reverse(name, kwargs=rule.kwargs(world))
        for actor in ACTORS:
            if actor in rule.allowed:
                pages += [(actor, path) for path in dict.fromkeys([chinese, english])]
    for page in Page.objects.live().specific().filter(depth__gt=1):
        for actor in ACTORS:
            if page.url:
                pages.append((actor, page.url))
                # A routable page's own pages (the directory's sites and print lists).
                if isinstance(page, RoutablePageMixin):
                    extra = page.get_sitemap_urls()[1:]
                    pages += [(actor, urlsplit(entry["location"]).path) for entry in extra]
    return pages


def _context(browser, live_server, user, viewport):
    # The script axe-core is injected from is not ours: the content security policy would refuse it.
    context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


# One test per actor: the two walks are the suite's longest, and run side by side.
@pytest.mark.parametrize("actor", ACTORS)
def test_public_and_portal_pages_fit_a_phone_and_pass_axe(live_server, browser, actor):
    build_public_site()
    world = build_world()
    build_directory()
    pages = [(who, path) for who, path in _pages(world) if who == actor]
    assert len(pages) > 30
    walked = {re.sub(r"^/(en|zh-hans)/", "/", path) for _who, path in pages}
    missing = [p for p in MUST_WALK[actor] if not any(re.fullmatch(p, path) for path in walked)]
    assert not missing, f"{actor} would not walk {missing}"
    directory = os.environ.get("SCREENSHOT_DIR")
    problems, violations = [], []
    for viewport in (PHONE, DESKTOP) if directory else (PHONE,):
        context = _context(browser, live_server, world.users[actor], viewport)
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        for _who, path in pages:
            response = tab.goto(live_server.url + path)
            assert response.status < 400, f"{actor} {path}: {response.status}"
            if directory:
                name = f"{actor}-{viewport['width']}-{path.strip('/').replace('/', '_')}"
                Path(directory).mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(Path(directory) / f"{name[:120]}.png"), full_page=True)
            if viewport is PHONE:
                problems += [f"{actor} {path}: {p}" for p in tab.evaluate(MEASURE)[:5]]
                tab.evaluate(AXE)
                violations += [f"{actor} {path}: {v}" for v in tab.evaluate(AXE_RUN)]
        context.close()
    assert not problems + violations, "\n".join(problems + violations)
