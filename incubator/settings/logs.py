"""Logging, imported by ``base``: one plain line per record on the console, at ``LOG_LEVEL``
(INFO by default); noisy libraries at WARNING; the security log always kept."""

from .env import env_str

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # One line per task and per PDF step drowns what matters; warnings still show.
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Refused object accesses and failed logins (incubator.kernel.security), always kept,
        # whatever LOG_LEVEL says: these are what to watch for probing and password guessing.
        "incubator.kernel.security": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
