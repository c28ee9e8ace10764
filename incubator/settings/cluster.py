"""The cluster smoke test (``make cluster-smoke``): production settings, driven by the
environment exactly as on real machines (PostgreSQL from DATABASE_URL, the shared Redis cache
from REDIS_URL, private files in an S3 bucket from PRIVATE_STORAGE_*), with only what plain
HTTP on 127.0.0.1 needs changed. ``manage.py check --deploy`` is meant for
``incubator.settings.production``, not for this module.

What changes, and why:

- No HTTPS: no redirect to it, no HSTS, and cookies without the ``Secure`` flag (a client
  sends secure cookies over HTTPS only).
- Static files without the manifest: the smoke test fetches no static file, and hashing every
  file for ``collectstatic`` would take longer than the rest of the run.
"""

from .production import *  # noqa: F403
from .production import STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
