"""The demo world, seeded once per process for the tests of this package: ``seed_demo`` runs
inside a transaction that is rolled back when the package ends, and each test runs in a
savepoint of it (pytest-django's ``db``), so what a test changes, a second run of the seed
among it, is undone before the next. Seeding takes half a minute; a test of its own each
would spend that a dozen times over."""

import io

from django.core.management import call_command
from django.test import override_settings

import pytest

from tests.shared_data import rolled_back_at_the_end


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The seeded demo world (the seed refuses to run with DEBUG off unless forced)."""
    with rolled_back_at_the_end(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        yield
