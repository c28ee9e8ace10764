"""``make loadtest`` from start to finish, in a process of its own that never imports Django:

1. drop and recreate a throwaway PostgreSQL database (``LOADTEST_DATABASE_URL``, by default
   ``incubator_load`` on 127.0.0.1), ``migrate``, ``seed_demo``, ``collectstatic`` into a
   temporary folder, the open-data packages (``publish_open_data``), and the load-test data
   (``python -m tools.loadtest prepare``);
2. start gunicorn with ``LOADTEST_WORKERS`` workers and ``incubator.settings.loadtest``
   (production with DEBUG off, plain HTTP on 127.0.0.1; see that module for what differs);
3. drive it for ``LOADTEST_SECONDS`` with the client's readers, organisations and officers;
4. stop gunicorn and check the invariants in the database (``python -m tools.loadtest
   check``).

It prints the figures and exits non-zero on any 5xx, any failed connection, or any broken
invariant."""

import argparse
import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tools.loadtest.client import drive
from tools.loadtest.report import summarise, table

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/incubator_load"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.loadtest",
        description="Load-test the site under gunicorn on a throwaway PostgreSQL database.",
    )
    parser.add_argument("--seconds", type=int, default=_env_int("LOADTEST_SECONDS", 60))
    parser.add_argument("--workers", type=int, default=_env_int("LOADTEST_WORKERS", 3))
    parser.add_argument("--readers", type=int, default=_env_int("LOADTEST_READERS", 6))
    parser.add_argument("--organisations", type=int, default=_env_int("LOADTEST_ORGANISATIONS", 10))
    parser.add_argument(
        "--think",
        type=float,
        default=float(os.environ.get("LOADTEST_THINK_SECONDS") or 0.1),
        help="mean pause of each simulated person between two steps, in seconds",
    )
    parser.add_argument(
        "--double-clicks",
        type=float,
        default=float(os.environ.get("LOADTEST_DOUBLE_CLICKS") or 0.1),
        help="the share of form posts sent twice at once, as a double click does",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOADTEST_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="a PostgreSQL database that is DROPPED and recreated",
    )
    parser.add_argument("--port", type=int, default=_env_int("LOADTEST_PORT", 0))
    parser.add_argument(
        "--json", default=os.environ.get("LOADTEST_JSON", ""), help="also write figures here"
    )
    return parser.parse_args(argv)


def recreate_database(url: str) -> None:
    """Drop and create the database of ``url``; refuse a name that does not say 'load'."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or "load" not in name:
        raise SystemExit(f"Refusing to drop {url!r}: a PostgreSQL database named *load*, please.")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(options, scratch: Path) -> dict:
    """What every step of the run sees: the load-test settings and a throwaway everything."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "incubator.settings.loadtest",
        "DATABASE_URL": options.database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PERSONAL_DATA_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(scratch / "static"),
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        # Persistent connections, as .env.example recommends for production.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        "PYTHONUNBUFFERED": "1",
    }


def step(title: str, command: list[str], env: dict) -> None:
    started = time.monotonic()
    print(f"-- {title}", flush=True)
    if subprocess.run(command, cwd=BASE_DIR, env=env).returncode:
        raise SystemExit(f"LOAD TEST FAILED: {title} failed (see above).")
    print(f"   done in {time.monotonic() - started:.1f} s", flush=True)


def wait_until_up(base_url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered; see its log above.")
        try:
            if requests.get(base_url + "/zh-hans/", timeout=5).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s.")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def server_errors_in(log: Path) -> str:
    """The server log from its first traceback or error line, if any (at most 200 lines)."""
    lines = log.read_text(errors="replace").splitlines()
    for index, line in enumerate(lines):
        if "Traceback" in line or " ERROR " in line or "[CRITICAL]" in line:
            return "\n".join(lines[index : index + 200])
    return ""


def main(argv=None) -> int:
    options = arguments(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="incubator-loadtest-") as folder:
        scratch = Path(folder)
        env = server_environment(options, scratch)
        env["LOADTEST_THINK_SECONDS"] = str(options.think)
        recreate_database(options.database_url)
        print(f"-- database {urlsplit(options.database_url).path.lstrip('/')}: recreated")
        step("migrate", [python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        # --force: seed_demo refuses DEBUG off, since demo passwords are published; this database
        # is thrown away.
        step("seed_demo", [python, "manage.py", "seed_demo", "--force"], env)
        step("collectstatic", [python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        step("publish_open_data", [python, "manage.py", "publish_open_data"], env)
        plan_file = scratch / "plan.json"
        step(
            "load-test data",
            [
                python,
                "-m",
                "tools.loadtest",
                "prepare",
                str(plan_file),
                f"--organisations={options.organisations}",
            ],
            env,
        )
        plan = json.loads(plan_file.read_text())
        plan["think_seconds"] = options.think
        plan["double_clicks"] = options.double_clicks

        port = options.port or free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = scratch / "gunicorn.log"
        print(f"-- gunicorn, {options.workers} workers, on {base_url}", flush=True)
        with log.open("w") as log_file:
            server = subprocess.Popen(
                [
                    python,
                    "-m",
                    "gunicorn",
                    "incubator.wsgi:application",
                    f"--workers={options.workers}",
                    f"--bind=127.0.0.1:{port}",
                    "--timeout=60",
                    "--graceful-timeout=10",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(base_url, server)
                people = options.readers + min(options.organisations, len(plan["organisations"]))
                people += len(plan["hub_managers"]) + 1
                print(
                    f"-- driving it for {options.seconds} s with {people} simulated people "
                    f"({options.readers} readers, {len(plan['organisations'])} organisations, "
                    f"{len(plan['hub_managers'])} hub managers, 1 bureau officer)",
                    flush=True,
                )
                recorder, elapsed = drive(
                    base_url=base_url,
                    plan=plan,
                    seconds=options.seconds,
                    readers=options.readers,
                    organisations=options.organisations,
                )
            finally:
                stop(server)

        summary = summarise(recorder, elapsed)
        print(table(summary))
        errors = summary["server_errors"] + summary["connection_errors"]
        if errors:
            print("\n-- server log from the first error:")
            print(server_errors_in(log) or log.read_text(errors="replace")[-5000:])

        print("-- invariants", flush=True)
        checked = subprocess.run([python, "-m", "tools.loadtest", "check"], cwd=BASE_DIR, env=env)
        summary["invariants_hold"] = checked.returncode == 0
        if options.json:
            Path(options.json).write_text(json.dumps(summary, ensure_ascii=False, indent=2))

    failed = []
    if errors:
        failed.append(f"{errors} requests failed with 5xx or no response")
    if checked.returncode:
        failed.append("invariants broken")
    if failed:
        print("LOAD TEST FAILED: " + "; ".join(failed))
        return 1
    print("LOAD TEST PASSED: no 5xx, no failed connection, invariants hold.")
    return 0
