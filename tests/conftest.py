from django.core.cache import cache
from django.urls import get_resolver

import pytest

from tests.factories import build_public_site

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that use the database (CI's second pass, on PostgreSQL: a test "
        "that never touches the database proves nothing new on another one).",
    )


def pytest_collection_modifyitems(config, items):
    """With ``--database-tests-only``, leave out the tests that use no database: those with
    neither a ``django_db`` mark nor a database fixture (directly or through other fixtures)."""
    if not config.getoption("--database-tests-only"):
        return
    kept, left_out = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (kept if uses_database else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture
def search_index(settings):
    """Pages and snippets indexed for search as they are saved, as in production (the test
    settings leave it off where nothing is searched)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    }


@pytest.fixture
def public_site(db):
    """A small bilingual public site: home pages and three guidance pages in each language."""
    return build_public_site()


@pytest.fixture(scope="session", autouse=True)
def _url_patterns_as_configured():
    """Load the URL configuration once, with the test settings, before any test: a test that
    turns DEBUG on and happens to resolve the first URL of its process (as can happen under
    pytest-xdist) would otherwise add the development media and static routes for all."""
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    cache.clear()
    yield
