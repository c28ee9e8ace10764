"""The database part of a backup (incubator.kernel.backup): PostgreSQL dumped with ``pg_dump
--format=custom`` and restored with ``pg_restore --clean`` (the client tools must be of the
server's major version or newer); SQLite copied with its online backup API. Failures are one
``ServiceError`` line."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from incubator.kernel.errors import ServiceError

DATABASE_DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def database_vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DATABASE_DUMPS:
        raise ServiceError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _pg_environment(alias: str) -> tuple[dict, str]:
    """The libpq environment and database name of a Django PostgreSQL connection."""
    params = connections[alias].get_connection_params()
    env = dict(os.environ)
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env, params["dbname"]


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        raise ServiceError(f"{command[0]} failed: {'; '.join(lines)[:500]}")


def dump_database(alias: str, target: Path) -> Path:
    vendor = database_vendor(alias)
    path = target / DATABASE_DUMPS[vendor]
    if vendor == "postgresql":
        env, name = _pg_environment(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", name], env)
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
    return path


def restore_database(alias: str, source: Path) -> None:
    vendor = database_vendor(alias)
    path = source / DATABASE_DUMPS[vendor]
    if not path.exists():
        raise ServiceError(f"{path.name} is not in the backup (made from another database?).")
    if vendor == "postgresql":
        connections[alias].close()
        env, name = _pg_environment(alias)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={name}",
                str(path),
            ],
            env,
        )
    else:
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as dump:
            dump.backup(connection.connection)
        dump.close()


def read_dump_through(path: Path) -> None:
    """Read a database dump to its end: SQLite's integrity check, or pg_restore to nowhere."""
    if path.name == DATABASE_DUMPS["sqlite"]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as dump:
            (result,) = dump.execute("PRAGMA integrity_check").fetchone()
        dump.close()
        if result != "ok":
            raise ValueError(result)
    else:  # pg_restore to nowhere reads the whole custom-format dump, data included
        _run(["pg_restore", "--file=/dev/null", str(path)], dict(os.environ))
