"""Settings shared by every environment. Production-safe by default: ``dev`` and ``test`` relax
what they must, ``production`` insists on real secrets. The security settings (authentication,
cookies, headers, Content Security Policy, rate limits) live in ``security`` and logging in
``logs``; both are imported here, so every environment gets them from ``base``."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

from .env import env_bool, env_int, env_list, env_str
from .logs import LOGGING  # noqa: F401 - read by Django from this module

# Authentication, cookies, headers, the Content Security Policy, the second factor, rate limits.
from .security import (  # noqa: F401 - settings, read by Django from this module
    ADMIN_CONTENT_SECURITY_POLICY,
    ANONYMOUS_USER_NAME,
    AUTH_PASSWORD_VALIDATORS,
    AUTHENTICATION_BACKENDS,
    AXES_COOLOFF_TIME,
    AXES_FAILURE_LIMIT,
    AXES_HANDLER,
    AXES_LOCKOUT_PARAMETERS,
    AXES_LOCKOUT_TEMPLATE,
    AXES_RESET_ON_SUCCESS,
    AXES_USERNAME_CALLABLE,
    AXES_USERNAME_FORM_FIELD,
    AXES_VERBOSE,
    CONTENT_SECURITY_POLICY,
    CSRF_COOKIE_HTTPONLY,
    CSRF_COOKIE_SAMESITE,
    LANGUAGE_COOKIE_AGE,
    LANGUAGE_COOKIE_SAMESITE,
    LOGIN_REDIRECT_URL,
    LOGIN_URL,
    LOGOUT_REDIRECT_URL,
    OTP_TOTP_ISSUER,
    PASSWORD_RESET_TIMEOUT,
    RATE_LIMIT_CLIENT_IP_HEADER,
    RATE_LIMITS,
    SECURE_CONTENT_TYPE_NOSNIFF,
    SECURE_REFERRER_POLICY,
    SESSION_COOKIE_AGE,
    SESSION_COOKIE_HTTPONLY,
    SESSION_COOKIE_SAMESITE,
    SILENCED_SYSTEM_CHECKS,
    STAFF_TWO_FACTOR_REQUIRED,
    X_FRAME_OPTIONS,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
# Former keys, comma-separated, still accepted for sessions, password-reset links and signed
# values while they expire after a key rotation (docs/operations.md); new ones use SECRET_KEY.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Keys of personal information kept encrypted (citizen identity numbers of voucher holders):
# Fernet keys, comma-separated, the first encrypting (incubator.kernel.personal_data).
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first so that their templates and translations win.
    "incubator",
    "cms",
    "tenders",
    "subsidies",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy header; a relaxed one for the Wagtail admin
    # (see incubator.kernel.csp).
    "incubator.kernel.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "incubator.kernel.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff reach the back office only after a second factor; see incubator.kernel.twofactor.
    "incubator.kernel.twofactor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Malformed requests, refused deletions and conflicts answered clearly, never with a 500.
    "incubator.kernel.request_errors.RequestErrorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into our translated lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "incubator.urls"
WSGI_APPLICATION = "incubator.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# DATABASE_URL chooses the database: SQLite in the project folder by default, PostgreSQL in
# production and CI (postgres://user@host:5432/name).
DATABASE_URL = env_str("DATABASE_URL").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


def database_from_url(url: str) -> dict:
    """One ``DATABASES`` entry from a URL. SQLite gets IMMEDIATE transactions and a busy timeout
    so that concurrent writers wait for the lock instead of failing with 'database is locked'.
    PostgreSQL runs without JIT compilation: it pays off for long analytical queries, but a
    page's queries whose estimated cost crosses its threshold (counts over every tender, at ten
    times the city) spent 100 ms compiling to save a few (docs/benchmarks/README.md)."""
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Languages and time -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = WAGTAIL_CONTENT_LANGUAGES

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads that must never be reachable through MEDIA_URL (evidence, bids, letters) live here
# and leave only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "incubator.kernel.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Private uploads (evidence, bids, payroll proofs): size limit and accepted types.
PRIVATE_UPLOAD_MAX_BYTES = env_int("PRIVATE_UPLOAD_MAX_MB", 10) * 1024 * 1024
PRIVATE_UPLOAD_EXTENSIONS = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Cache ------------------------------------------------------------------------------------
# A shared cache between app servers when REDIS_URL is set; a per-process one otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks -------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A task RUNNING this long (seconds) is taken to belong to a worker that died, and ``manage.py
# worker`` runs it again. Far above the longest task (a letter PDF, an email within
# EMAIL_TIMEOUT).
TASKS_RECLAIM_AFTER = env_int("TASKS_RECLAIM_AFTER", 15 * 60)

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the mail server before an attempt counts as failed (and is retried):
# without it, a server that accepts and never answers holds the sender for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "incubator@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Social Organisation Incubator")
# The public address people reach the site at: links in emails, letters' verification links and
# QR codes. `make run HOST=…` sets it to that host unless it is set already.
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Django so that privacy settings on collections are honoured.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Unreadable or truncated images get a form error, not a server error (cms.image_forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.SafeImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from an outside service: the admin must work on a closed government network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
# The time zones a user may choose in the account settings. Wagtail's default lists every
# name the server's tz database holds, "localtime" and "Factory" included, which browsers
# reject (RangeError: Invalid time zone specified). China Standard Time first.
WAGTAIL_USER_TIME_ZONES = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
]

# --- Residents' feedback and complaints ---------------------------------------------------------
# Days a resident's comment, the phone's mark, a complaint's text, contact and answer are kept
# before ``anonymise_feedback`` erases them (ratings, days, sites and categories stay). The
# feedback and complaint pages, the thanks page and the poster state this period, read from here.
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)
if FEEDBACK_RETENTION_DAYS < 1:
    # Zero would erase today's device marks too, and one phone could then answer again.
    raise ImproperlyConfigured("FEEDBACK_RETENTION_DAYS must be at least 1.")
# Working days a provider has to answer a resident's complaint; unanswered after them, it goes
# to the bureau.
COMPLAINT_ANSWER_WORKING_DAYS = env_int("COMPLAINT_ANSWER_WORKING_DAYS", 5)

# --- Care vouchers ----------------------------------------------------------------------------
# Days after a service within which the provider may still record it against a resident's
# card (later ones are refused: the month's claim is built from what was recorded).
VOUCHER_REDEMPTION_MAX_DAYS = env_int("VOUCHER_REDEMPTION_MAX_DAYS", 31)
if VOUCHER_REDEMPTION_MAX_DAYS < 0:
    raise ImproperlyConfigured("VOUCHER_REDEMPTION_MAX_DAYS cannot be negative.")
# Anomalies: a provider is flagged when, in a month, it took at least this share (percent) of
# what a resident spent with vouchers, and at least the resident's whole credit of that month
# (one provider taking a whole month's allowance is how a kept card would look).
VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT = env_int("VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT", 90)
if not 1 <= VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT <= 100:
    raise ImproperlyConfigured("VOUCHER_ANOMALY_PROVIDER_SHARE_PERCENT is between 1 and 100.")

# --- Open data --------------------------------------------------------------------------------
# The bureau's 360Giving prefix: grant identifiers are 360G-<prefix>-<id>.
OPEN_DATA_360G_PREFIX = env_str("OPEN_DATA_360G_PREFIX", "taicangmzj")
# The licence of the published data (its canonical URL).
OPEN_DATA_LICENSE = env_str("OPEN_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
# Open-data packages are cut into pages of this many grants or tenders (linked by links.next).
OPEN_DATA_PAGE_SIZE = env_int("OPEN_DATA_PAGE_SIZE", 5000)
# The bureau's OCDS prefix, registered with the Open Contracting Partnership before going live
# ("ocds-" and six characters): a tender's contracting process is <prefix>-<reference>. The
# default is the standard's documentation example (ocds-213czf), of the registered form.
OCDS_PREFIX = env_str("OCDS_PREFIX", "ocds-213czf")
