"""Headless Chromium (Debian's, never a downloaded one) photographing journeys: each role logs
in once per width (staff with the demo authenticator's current code), then walks its steps."""

import subprocess
import sys
import time
from pathlib import Path

from tools.cluster.processes import BASE_DIR
from tools.screenshots.journeys import STAFF, Journey

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
PASSWORD = "demo-pass-2026"  # noqa: S105 - the demo's published password


_used: dict[str, str] = {}


def totp_code(username: str, env: dict) -> str:
    """The demo authenticator's current code for ``username``; a code is accepted once, so a
    second login within the same 30 seconds waits for the next one."""
    while True:
        result = subprocess.run(
            [sys.executable, "manage.py", "totp_code", username],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        code = result.stdout.strip().split()[-1]
        if _used.get(username) != code:
            _used[username] = code
            return code
        time.sleep(2)


def log_in(page, base_url: str, username: str, env: dict) -> None:
    """Sign ``username`` in: the back office's form for staff, the site's form for others."""
    if username in STAFF:
        page.goto(f"{base_url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("form [type=submit]").first.click()
        page.fill("#id_code", totp_code(username, env))
        page.press("#id_code", "Enter")  # the site's header has forms of its own
        page.wait_for_url("**/admin/")
    else:
        page.goto(f"{base_url}/zh-hans/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def photograph(journeys: list[Journey], *, base_url: str, env: dict, out: Path) -> None:
    """Walk every journey at each width and save one PNG per step and width."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        for journey in journeys:
            for width, viewport in WIDTHS.items():
                context = browser.new_context(
                    locale="zh-CN", viewport=viewport, timezone_id="Asia/Shanghai"
                )
                page = context.new_page()
                page.set_default_timeout(20_000)
                if journey.username:
                    log_in(page, base_url, journey.username, env)
                for number, step in enumerate(journey.steps, start=1):
                    step.walk(page, base_url)
                    page.wait_for_load_state("networkidle")
                    name = f"{journey.role}-{number:02d}-{step.name}-{width}.png"
                    page.screenshot(path=str(out / name))
                    print(f"   {name}", flush=True)
                context.close()
        browser.close()
