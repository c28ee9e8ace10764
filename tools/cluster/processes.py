"""The local pieces of the cluster smoke test, none of them Django: the processes it starts
(``Process``, with its log; ``wait_for`` its answer), Django commands run to completion
(``run_django``), the throwaway PostgreSQL database and Redis database it recreates and empties,
and the S3 client of the object store. ``SmokeFailed`` is what every step raises."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class SmokeFailed(Exception):
    """One line saying which step failed and why."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or "cluster" not in name:
        raise SmokeFailed(f"Refusing to drop {url!r}: a PostgreSQL database named *cluster*.")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def empty_redis(url: str) -> int:
    import redis

    client = redis.Redis.from_url(url)
    keys = client.dbsize()
    client.flushdb()
    return keys


def run_django(title: str, command: list[str], env: dict) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, *command], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SmokeFailed(f"{title} failed (see above).")
    print(f"   {title}: done in {time.monotonic() - started:.1f} s", flush=True)
    return result.stdout


class Process:
    """A server started here, its output in a log file; stopped with SIGTERM, then killed."""

    def __init__(self, name: str, command: list[str], env: dict, scratch: Path):
        self.name = name
        self.log = scratch / f"{name}.log"
        with self.log.open("w") as log:
            self.popen = subprocess.Popen(
                [sys.executable, *command],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def alive(self) -> None:
        if self.popen.poll() is not None:
            raise SmokeFailed(f"{self.name} stopped (exit {self.popen.returncode}).")

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace").splitlines()
        return "\n".join(f"   [{self.name}] {line}" for line in text[-lines:])


def wait_for(url: str, process: Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.alive()
        try:
            if requests.get(url, timeout=5).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SmokeFailed(f"{process.name} did not answer at {url} within {timeout:.0f} s.")


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="cluster-smoke",
        aws_secret_access_key="cluster-smoke",
    )
