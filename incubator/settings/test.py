"""Tests: fast password hashing, an in-memory cache, mail kept in memory, tasks run at once.
The database still comes from DATABASE_URL, so the same suite runs on SQLite and PostgreSQL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Pages and snippets are not indexed for search as they are saved: a tenth of the suite's time
# went to indexing pages that no test searched. Tests of search ask for it with the
# ``search_index`` fixture (tests/conftest.py), which turns it back on.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}

_scratch = Path(tempfile.mkdtemp(prefix="incubator-test-"))
MEDIA_ROOT = _scratch / "media"
PRIVATE_MEDIA_ROOT = _scratch / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "incubator.kernel.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests of the back office sign staff in directly; tests/incubator/test_two_factor.py turns the
# second factor on and checks it.
STAFF_TWO_FACTOR_REQUIRED = False

# A file, not memory, for the SQLite test database: then each thread of a concurrency test
# has its own connection, and IMMEDIATE transactions make writers queue as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_scratch / "test.sqlite3")}  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
