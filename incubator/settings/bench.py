"""The benchmark (``make bench``): production-like (DEBUG off, staff two-factor on) with an
in-process cache, mail kept in memory, and scratch folders for the files the bench writes.
The database comes from DATABASE_URL: the bench's own throwaway PostgreSQL database."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES
from .env import env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-bench-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

_scratch = Path(tempfile.mkdtemp(prefix="incubator-bench-"))
MEDIA_ROOT = _scratch / "media"
PRIVATE_MEDIA_ROOT = _scratch / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "incubator.kernel.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
