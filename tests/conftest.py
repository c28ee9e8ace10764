from django.core.cache import cache
from django.urls import get_resolver

import pytest

from tests.factories import build_public_site


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
