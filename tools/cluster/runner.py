"""``make cluster-smoke`` from start to finish, in a process of its own that never imports
Django. The layout of docs/operations.md ("Deploying on several machines"), on one machine:

1. moto's S3 server (the object store, started here) with a private bucket; Redis on
   127.0.0.1:6379 (``CLUSTER_REDIS_URL``, one database of it, emptied before and after) as the
   shared cache; a throwaway PostgreSQL database (``CLUSTER_DATABASE_URL``, default
   ``incubator_cluster`` on 127.0.0.1, dropped and recreated), migrated, with the demo's users,
   hubs, site settings and intake applications (``python -m tools.cluster prepare``);
2. two gunicorn instances (A and B, each its own process tree and port, as on two machines)
   and one task worker (``manage.py db_worker``), all with ``incubator.settings.cluster``
   (production, plain HTTP on 127.0.0.1) and private files in the bucket;
3. through A, the hub manager logs in (password, then the authenticator's code) and admits the
   confirmed intake application, which issues the admission letter and queues its PDF;
4. the worker renders it into the bucket; through B, the new organisation's admin logs in,
   sees the letter ready, downloads it, and its SHA-256 must equal the stored one and the
   object in the bucket; B's public verification page must call it genuine and show that sum.

It prints each step and exits non-zero, with the servers' logs, on any failure. The processes,
database, cache and object store it handles are in ``processes``; what it does through an app
server (logging in, posting forms) is in ``web``."""

import argparse
import base64
import hashlib
import json
import os
import re
import secrets
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tools.cluster.processes import (
    Process,
    SmokeFailed,
    empty_redis,
    free_port,
    recreate_database,
    run_django,
    s3_client,
    wait_for,
)
from tools.cluster.web import login, post_form, second_factor

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/incubator_cluster"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
BUCKET = "incubator-private"
GENUINE = "该函件真实有效。"  # "This letter is genuine and valid." as the zh-hans page says it


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.cluster",
        description="Two app servers, a worker, Redis and S3: issue, render, download a letter.",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("CLUSTER_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="a PostgreSQL database that is DROPPED and recreated (its name says 'cluster')",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("CLUSTER_REDIS_URL") or DEFAULT_REDIS_URL,
        help="a Redis database that is emptied before and after",
    )
    parser.add_argument("--timeout", type=float, default=90, help="for the letter's PDF, seconds")
    return parser.parse_args(argv)


def step(title: str) -> None:
    print(f"-- {title}", flush=True)


def main(argv=None) -> int:
    options = arguments(argv)
    started = time.monotonic()
    processes: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="incubator-cluster-") as folder:
        scratch = Path(folder)
        try:
            smoke(options, scratch, processes)
        except Exception as error:
            if not isinstance(error, SmokeFailed):
                traceback.print_exc()
            for process in processes:
                print(process.tail(), file=sys.stderr)
            print(f"CLUSTER SMOKE FAILED: {error}", flush=True)
            return 1
        finally:
            for process in reversed(processes):
                process.stop()
            try:
                recreate_database(options.database_url, drop_only=True)
                empty_redis(options.redis_url)
            except Exception as error:  # cleaning up must not hide the verdict
                print(f"   (cleaning up: {error})", file=sys.stderr)
    print(f"CLUSTER SMOKE PASSED in {time.monotonic() - started:.0f} s.", flush=True)
    return 0


def smoke(options, scratch: Path, processes: list[Process]) -> None:
    """The run itself; see the module docstring."""
    from tools.cluster.checks import check_letter

    s3_port, port_a, port_b = free_port(), free_port(), free_port()
    s3_url = f"http://127.0.0.1:{s3_port}"
    base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "incubator.settings.cluster",
        "DATABASE_URL": options.database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": options.redis_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PERSONAL_DATA_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_BASE_URL": base_a,
        "PRIVATE_STORAGE_BUCKET": BUCKET,
        "PRIVATE_STORAGE_ENDPOINT_URL": s3_url,
        "PRIVATE_STORAGE_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "cluster-smoke",
        "AWS_SECRET_ACCESS_KEY": "cluster-smoke",
        # Private files must go to the bucket: this folder stays empty, and is checked.
        "PRIVATE_MEDIA_ROOT": str(scratch / "private-must-stay-empty"),
        "MEDIA_ROOT": str(scratch / "media"),
        "STATIC_ROOT": str(scratch / "static"),
        # No mail server here; mail is not what this run checks.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }

    step(f"object store: moto's S3 server on {s3_url}, bucket {BUCKET}")
    moto = Process("s3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)], env, scratch)
    processes.append(moto)
    wait_for(s3_url, moto, timeout=30)
    bucket = s3_client(s3_url)
    bucket.create_bucket(Bucket=BUCKET)

    step(f"shared cache: {options.redis_url}")
    empty_redis(options.redis_url)
    step(f"database: {urlsplit(options.database_url).path.lstrip('/')} (recreated)")
    recreate_database(options.database_url)
    run_django("migrate", ["manage.py", "migrate", "--noinput", "-v", "0"], env)
    plan_file = scratch / "plan.json"
    prepare = ["-m", "tools.cluster", "prepare", str(plan_file)]
    run_django("demo users, hubs, intake", prepare, env)
    plan = json.loads(plan_file.read_text())

    step(f"app server A on {base_a}, app server B on {base_b}, one task worker")
    for name, port in (("app-a", port_a), ("app-b", port_b)):
        gunicorn = ["-m", "gunicorn", "incubator.wsgi:application", f"--bind=127.0.0.1:{port}"]
        gunicorn += ["--workers=2", "--timeout=60", "--graceful-timeout=5"]
        processes.append(Process(name, gunicorn, env, scratch))
    worker = ["manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5"]
    processes.append(Process("worker", [*worker, "--no-startup-delay"], env, scratch))
    for base, process in ((base_a, processes[1]), (base_b, processes[2])):
        wait_for(f"{base}/zh-hans/letters/verify/", process)

    step(f"A: {plan['manager']} logs in (password and authenticator) and admits the application")
    manager = login(base_a, plan["manager"], plan["password"])
    second_factor(manager, base_a, plan["totp_key"])
    admitted = post_form(
        manager,
        f"{base_a}/admin/intake/admit/{plan['application']}/",
        {"started_on": date.today().isoformat(), "months": "12"},
    )
    if admitted.status_code != 302:
        raise SmokeFailed(f"admission through A answered {admitted.status_code}, not a redirect.")

    step("worker: renders the admission letter into the bucket")
    waited = time.monotonic()
    applicant = login(base_b, plan["applicant"], plan["password"])
    deadline = time.monotonic() + options.timeout
    while True:
        processes[3].alive()
        letters = applicant.get(f"{base_b}/zh-hans/portal/letters/", timeout=30)
        links = re.findall(r'href="(/files/letters/\d+/)"', letters.text)
        if links:
            break
        if time.monotonic() > deadline:
            raise SmokeFailed(f"the letter was not ready within {options.timeout:.0f} s.")
        time.sleep(1)
    print(f"   ready after {time.monotonic() - waited:.1f} s", flush=True)
    stored = ["-m", "tools.cluster", "letter", plan["organisation"]]
    letter = json.loads(run_django("the letter as stored", stored, env))

    step(f"B: {plan['applicant']} downloads {letter['reference']}; B's verification page")
    pdf = applicant.get(base_b + links[0], timeout=30)
    verify = requests.get(f"{base_b}/zh-hans/letters/verify/{letter['verification_code']}/")
    check_letter(
        letter=letter,
        pdf=pdf,
        verify=verify,
        stored=bucket.get_object(Bucket=BUCKET, Key=letter["file"])["Body"].read(),
        local_private=scratch / "private-must-stay-empty",
        genuine=GENUINE,
    )
    print(f"   SHA-256 {hashlib.sha256(pdf.content).hexdigest()}: download, bucket and page agree")
    import redis

    cached = redis.Redis.from_url(options.redis_url).dbsize()
    if not cached:
        raise SmokeFailed("nothing in the shared cache: the app servers did not use Redis.")
    print(f"   shared cache holds {cached} keys written by the app servers")
