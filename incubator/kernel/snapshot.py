"""Reads that must agree with each other: a page that shows totals next to the rows they total
reads both as of one moment, or a decision committed between two queries shows on one side
only (the budget page showed ¥36,000.00 approved beside two approved applications of
¥36,000.00 each)."""

from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def one_snapshot(using: str = "default"):
    """Every query inside sees the database as of the first one. PostgreSQL: one REPEATABLE
    READ transaction (READ COMMITTED would take a new snapshot per statement). SQLite: one
    transaction (in WAL mode its reads share one snapshot; begun IMMEDIATE, writers wait for
    it). Inside a transaction already, the caller's transaction decides."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield
