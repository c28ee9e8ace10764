from django.core.cache import cache

import pytest

from tests.factories import build_public_site


@pytest.fixture
def public_site(db):
    """A small bilingual public site: home pages and three guidance pages in each language."""
    return build_public_site()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    cache.clear()
    yield
