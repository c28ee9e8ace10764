"""Production: refuses to start without a real secret key, host names and database; HTTPS
everywhere; background tasks in the database (``manage.py db_worker``); private files on local
disk or, when ``PRIVATE_STORAGE_BUCKET`` is set, in an S3-compatible bucket (django-storages,
the ``production`` extra)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, PERSONAL_DATA_KEYS, SECRET_KEY
from .env import env_bool, env_int, env_str

DEBUG = False

if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY is not random enough.")
if not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured(
        'PERSONAL_DATA_KEYS must be set in production: a Fernet key (python -c "from '
        'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"); keep it '
        "apart from the database backups."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site answers to.")
# base falls back to SQLite in the code folder; production never guesses where its data lives.
if not env_str("DATABASE_URL").strip():
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production, e.g. "
        "postgres://incubator:PASSWORD@db.internal:5432/incubator."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is close to irreversible (browsers ship the list for months): an explicit opt-in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Django warns (security.W021) when preload is off; here that is a decision, not an oversight.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}

# Private files in object storage for several machines (docs/operations.md): a bucket of its
# own without public access; credentials from boto3's usual variables (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY) or the machine's role.
PRIVATE_STORAGE_BUCKET = env_str("PRIVATE_STORAGE_BUCKET")
if PRIVATE_STORAGE_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "incubator.kernel.s3storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_STORAGE_BUCKET,
            "endpoint_url": env_str("PRIVATE_STORAGE_ENDPOINT_URL") or None,
            "region_name": env_str("PRIVATE_STORAGE_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
