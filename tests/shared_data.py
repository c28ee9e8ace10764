"""Data built once for many tests: ``rolled_back_at_the_end`` opens a transaction for a module's
or a package's fixture; the tests inside run each in a savepoint of it (pytest-django's ``db``),
so what one test changes is undone before the next, and the whole is rolled back when the
fixture ends. Building a large world once instead of once per test is where the time goes."""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """Database access for a wider-scoped fixture, in a transaction never committed."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
