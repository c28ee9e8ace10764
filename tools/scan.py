"""``make scan``: an outside web vulnerability scanner (wapiti, from PyPI) against the demo, as
a visitor, as an organisation member and as a bureau officer signed in with the second factor.

It builds a throwaway demo (its own SQLite database in a scratch folder, ``seed_demo``), serves
it with ``runserver`` on 127.0.0.1 only, signs each role in through the real login forms (the
officer's one-time code from ``manage.py totp_code bureau``, DEBUG on as in the demo), hands the
session cookie to wapiti, and reads two things afterwards:

- wapiti's JSON report per role: any vulnerability above low (level 2 and up) fails the run;
- the server's request log: any 5xx answer fails the run, whatever wapiti made of it.

It prints a Markdown summary (and writes it to ``SCAN_DIR/summary.md``) and exits 1 on failure.
Environment: SCAN_DIR (default ./scan-report), SCAN_PORT (8765), SCAN_MODULES (wapiti modules,
default below), SCAN_MAX_SECONDS (the whole scan of one role, default 1200),
SCAN_ATTACK_SECONDS (each attack module, default 120), SCAN_ROLES (default all three),
WAPITI (the wapiti executable, default .venv-scan/bin/wapiti), SCAN_KEEP_DEMO (reuse the demo
an earlier run built in SCAN_DIR). Never in CI: it takes long."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCAN_DIR = Path(os.environ.get("SCAN_DIR", ROOT / "scan-report")).resolve()
PORT = int(os.environ.get("SCAN_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
WAPITI = os.environ.get("WAPITI", str(ROOT / ".venv-scan" / "bin" / "wapiti"))
# Injection, cross-site scripting, file disclosure, redirects, CSRF and header checks: the
# attacks that matter for this site, in a time a 2-core machine can give them.
# wapiti's default modules but ssl (the demo speaks plain HTTP on loopback), and csrf.
MODULES = os.environ.get(
    "SCAN_MODULES",
    "xss,permanentxss,sql,exec,file,redirect,ssrf,upload,csp,http_headers,cookieflags,csrf",
)
MAX_SECONDS = int(os.environ.get("SCAN_MAX_SECONDS", "1200"))  # the whole scan of one role
ATTACK_SECONDS = int(os.environ.get("SCAN_ATTACK_SECONDS", "120"))  # each attack module
PASSWORD = "demo-pass-2026"  # the documented demo password (tools.demo.seeding)
ROLES = {
    # role: (username or None, where the crawl starts)
    "visitor": (None, "/zh-hans/"),
    "member": ("orgadmin", "/zh-hans/portal/"),
    "bureau": ("bureau", "/admin/"),
}
# Never follow these: signing out would end the session; the rest only churns the scratch demo.
EXCLUDED = [
    f"{BASE}/*logout*",
    f"{BASE}/*/accounts/password*",
    f"{BASE}/*two-factor*",
    f"{BASE}/static/*",
]
LEVEL_NAMES = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
SERVER_ERROR = re.compile(r'"[A-Z]+ (?P<path>\S+) HTTP/[\d.]+" (?P<status>5\d\d) ')


def _env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "incubator.settings.dev",
        "DATABASE_URL": f"sqlite:///{SCAN_DIR / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(SCAN_DIR / "media"),
        "PRIVATE_MEDIA_ROOT": str(SCAN_DIR / "private"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def manage(*args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def build_demo() -> None:
    if os.environ.get("SCAN_KEEP_DEMO") and (SCAN_DIR / "demo.sqlite3").exists():
        return  # a demo built by an earlier run, reused to save the migrations and seeding
    if SCAN_DIR.exists():
        shutil.rmtree(SCAN_DIR)
    SCAN_DIR.mkdir(parents=True)
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo")


def serve() -> subprocess.Popen:
    log = (SCAN_DIR / "server.log").open("w")
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            requests.get(f"{BASE}/zh-hans/", timeout=2)
            return server
        except requests.RequestException:
            time.sleep(1)
    server.terminate()
    raise SystemExit("The demo server did not start; see server.log.")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def sign_in(username: str) -> requests.Session:
    """A session signed in through the real forms, with the second factor when asked."""
    session = requests.Session()
    login = f"{BASE}/zh-hans/accounts/login/"
    page = session.get(login, timeout=30)
    response = session.post(
        login,
        data={
            "csrfmiddlewaretoken": _csrf(page.text),
            "username": username,
            "password": PASSWORD,
        },
        headers={"Referer": login},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"{username} could not sign in ({response.status_code}).")
    admin = session.get(f"{BASE}/admin/", timeout=30, allow_redirects=False)
    location = admin.headers.get("Location", "")
    if admin.status_code == 302 and "two-factor" in location:
        url = location if location.startswith("http") else f"{BASE}{location}"
        form = session.get(url, timeout=30)
        code = manage("totp_code", username)
        confirmed = session.post(
            url,
            data={"csrfmiddlewaretoken": _csrf(form.text), "code": code},
            headers={"Referer": url},
            timeout=30,
            allow_redirects=False,
        )
        if confirmed.status_code != 302:
            raise SystemExit(f"{username}'s second factor was refused ({confirmed.status_code}).")
    return session


def _cookie_header(session: requests.Session | None) -> str | None:
    """The signed-in session's cookies as wapiti's ``-C`` takes them."""
    if session is None:
        return None
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def scan(role: str, cookies: str | None, start: str) -> dict:
    report = SCAN_DIR / f"{role}.json"
    command = [
        WAPITI,
        "-u",
        f"{BASE}{start}",
        "--scope",
        "domain",
        "-m",
        MODULES,
        "--max-scan-time",
        str(MAX_SECONDS),
        "--max-attack-time",
        str(ATTACK_SECONDS),
        "--max-links-per-page",
        "40",
        "--max-files-per-dir",
        "30",
        "-d",
        "4",
        "--tasks",
        "4",
        "--flush-session",
        "--store-session",
        str(SCAN_DIR / "wapiti-session"),
        "--no-bugreport",
        "-f",
        "json",
        "-o",
        str(report),
    ]
    for pattern in EXCLUDED:
        command += ["-x", pattern]
    if cookies is not None:
        command += ["-C", cookies]
    with (SCAN_DIR / f"{role}.wapiti.log").open("w") as log:
        subprocess.run(command, cwd=SCAN_DIR, stdout=log, stderr=subprocess.STDOUT, check=False)
    return json.loads(report.read_text()) if report.exists() else {}


def findings(report: dict) -> list[tuple[str, int, str]]:
    """(category, level, where) for every vulnerability and anomaly of a report."""
    found = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                found.append((category, int(item.get("level", 0)), item.get("path", "")))
    return found


def refused_posts() -> set[str]:
    """Paths (without query) that answered some POST with 403: Django's CSRF check refused it."""
    text = (SCAN_DIR / "server.log").read_text(errors="replace")
    return {
        m["path"].split("?")[0] for m in re.finditer(r'"POST (?P<path>\S+) HTTP/[\d.]+" 403 ', text)
    }


def false_csrf(finding: tuple[str, int, str], refused: set[str]) -> bool:
    """wapiti's "Lack of anti CSRF token" reads the form alone. Wagtail's page editor has a
    form its script posts with the token in a header (the editing-session ping); the server
    log shows the tokenless POST wapiti then sent was refused (403), so it is no finding."""
    category, _level, where = finding
    return category == "Cross Site Request Forgery" and where.split("?")[0] in refused


def server_errors() -> list[str]:
    text = (SCAN_DIR / "server.log").read_text(errors="replace")
    return [f"{m['status']} {m['path']}" for m in SERVER_ERROR.finditer(text)]


def main() -> int:
    if not Path(WAPITI).exists():
        raise SystemExit(f"wapiti not found at {WAPITI}: run `make scan`, which installs it.")
    roles = os.environ.get("SCAN_ROLES", ",".join(ROLES)).split(",")
    build_demo()
    server = serve()
    rows, failures = [], []
    try:
        for role in roles:
            username, start = ROLES[role]
            started = time.monotonic()
            session = sign_in(username) if username else None
            report = scan(role, _cookie_header(session), start)
            found = findings(report)
            requests_made = (report.get("infos") or {}).get("crawled_pages_nbr", 0)
            refused = refused_posts()
            dismissed = [f for f in found if false_csrf(f, refused)]
            above_low = [
                f
                for f in found
                if (f[1] >= 2 or f[0] == "Internal Server Error") and f not in dismissed
            ]
            failures += [
                f"{role}: {c} ({LEVEL_NAMES.get(lv, lv)}) at {p}" for c, lv, p in above_low
            ]
            rows.append(
                (
                    role,
                    requests_made,
                    len(found),
                    len(above_low),
                    len(dismissed),
                    round(time.monotonic() - started),
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    errors = server_errors()
    failures += [f"server answered {error}" for error in errors]
    summary = [
        f"wapiti modules: {MODULES}; at most {MAX_SECONDS} s per role, "
        f"{ATTACK_SECONDS} s per attack module",
        "",
        "| role | pages crawled | findings (all levels) | above low | CSRF refused (403) | s |",
        "| --- | --- | --- | --- | --- | --- |",
        *[f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |" for r in rows],
        "",
        f"5xx answers in the server log: {len(errors)}",
    ]
    if failures:
        summary += ["", "Failures:", *[f"- {failure}" for failure in failures]]
    text = "\n".join(summary)
    (SCAN_DIR / "summary.md").write_text(text + "\n")
    print(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
