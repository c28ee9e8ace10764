"""Load test (``make loadtest``): the production settings, served by gunicorn over plain HTTP on
127.0.0.1 to a client on the same machine. Only what a local, TLS-less test needs changes;
everything else (DEBUG off, the database task backend, the manifest static storage, django-axes,
the rate-limit code paths) is production's. ``manage.py check --deploy`` is meant for
``incubator.settings.production``, not for this module.

What changes, and why:

- No HTTPS: no redirect to it, no HSTS, and cookies without the ``Secure`` flag (a client
  sends secure cookies over HTTPS only).
- Email goes nowhere: the load test has no mail server, and mail is not what it measures.
- Every simulated visitor comes from 127.0.0.1, while the rate limits count per client
  address; they stay on (the same code runs) with limits that a crowd behind one address
  does not reach.

What stays: django-axes locks an account after wrong passwords, and every simulated person
logs in once, with the right one. Staff confirm their login with a second factor: the client
computes the code of the demo authenticators, as an app would. Background tasks (letter PDFs)
queue in the database; the load test runs no ``db_worker``, so their rendering is not measured.
"""

from .base import RATE_LIMITS
from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

RATE_LIMITS = {scope: (1_000_000, window) for scope, (_limit, window) in RATE_LIMITS.items()}
