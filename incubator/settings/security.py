"""Security settings, imported by ``base``: authentication (password rules, the account
lockout of django-axes), session and CSRF cookies, security headers, the Content Security
Policy of the site and of the Wagtail admin, the staff's second factor and the rate limits of
public forms."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_str

# --- Authentication ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses before any password is checked while an account is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
ANONYMOUS_USER_NAME = None  # guardian: anonymous visitors hold no object permissions

# Brute-force protection: five wrong passwords lock the account for an hour. Attempts live in
# the database, so a lockout holds across processes and restarts.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "incubator.kernel.accounts.lockout.axes_username"
AXES_VERBOSE = True
# axes.W006 wants the IP address among the lockout parameters. We lock the account itself,
# which no rotating of user agents or cookies gets around; locking by IP would shut whole
# offices out behind one government network address after five mistakes by anyone.
# models.W040: SQLite (the demo's database) ignores an index's INCLUDE columns; PostgreSQL, in
# production, reads the overdue milestones' incubation from the index (issue 17).
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content Security Policy ------------------------------------------------------------------
# We ship every script, style, font and image ourselves, so no outside host is allowed. Public
# pages and the portal run no inline script except one carrying the request's nonce
# (``{{ request.csp_nonce }}``) and no inline style. Images may be data: URIs (QR codes and SVG
# charts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin cannot run without inline scripts and styles (Wagtail 8 has no nonce
# support; see incubator.kernel.csp), so under /admin/ these are allowed, still from no outside
# host.
# Its page preview is a frame of our own origin, and image uploads are previewed as blob: URLs.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# --- Second factor and rate limits ------------------------------------------------------------
# Staff (anyone who may open the back office) confirm each login with a one-time code.
STAFF_TWO_FACTOR_REQUIRED = env_bool("STAFF_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Taicang Incubator"

# Requests per client address and window (seconds) on public forms; see incubator.kernel.ratelimit.
RATE_LIMITS = {
    "intake": (10, 60 * 60),
    "intake_resend": (5, 60 * 60),
    "letter_verify": (60, 10 * 60),
    "clarification": (20, 60 * 60),
    # One site's poster can be scanned by a whole day centre behind one address (a
    # community wifi): generous per address; one phone counts once a day (the service).
    "feedback": (60, 60 * 60),
    # Complaints are written, not tapped: fewer per address; looking up a tracking code is
    # limited like a letter's verification (the codes must not be guessed).
    "complaint": (20, 60 * 60),
    "complaint_track": (60, 10 * 60),
    # Wrong PINs of care-voucher cards, counted per card and per user recording a service
    # (not per address: a day-care centre's one computer serves every resident); see
    # incubator.kernel.ratelimit.attempts_blocked. A card is locked after 5 in 15 minutes.
    "voucher_pin": (5, 15 * 60),
    # The residents' own balance page, per address (a community centre's computer serves many).
    "voucher_balance": (60, 15 * 60),
    "voucher_pin_user": (20, 15 * 60),
}
# Behind a reverse proxy: the header in which the proxy passes the client's address (e.g.
# X-Real-IP); empty: the connection's address (REMOTE_ADDR). See incubator.kernel.ratelimit.
RATE_LIMIT_CLIENT_IP_HEADER = env_str("RATE_LIMIT_CLIENT_IP_HEADER")
