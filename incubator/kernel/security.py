"""Security events on one logger, ``incubator.kernel.security``, for whoever watches the logs: every
object a user was refused (the 404 that hides it), every failed login and every wrong
second-factor code.

Records carry their fields as ``extra`` attributes (``event``, ``user_id``, ``path``, ``model``,
``object_id``; ``username`` for failed logins) so that a JSON formatter or a log shipper can
index them, and the same fields in the message for plain console logs. No personal data beyond
the user id goes into a refused-access record; the path is logged without its query string.

A failed login logs the username as typed, as most systems do: without it an operator cannot
tell a forgotten password from a password-guessing run against one account. It may be a
mistyped password in the wrong field, so it is cut to 150 characters and the password itself is
never logged (Django's signal hides it already)."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("incubator.kernel.security")

USERNAME_LOG_LENGTH = 150


def _user_id(request) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def log_refused_access(request, *, model=None, object_id=None) -> None:
    """Record that ``request.user`` asked for an object they may not see (and got 404).
    ``model`` is a model class or instance; ``object_id`` the id, by default the URL's ``pk``."""
    label = model._meta.label_lower if model is not None else None
    if object_id is None and getattr(request, "resolver_match", None) is not None:
        object_id = request.resolver_match.kwargs.get("pk")
    fields = {
        "event": "object_access_refused",
        "user_id": _user_id(request),
        "path": request.path,
        "model": label,
        "object_id": None if object_id is None else str(object_id),
    }
    logger.info(
        "object_access_refused user_id=%s model=%s object_id=%s path=%s",
        fields["user_id"],
        fields["model"],
        fields["object_id"],
        fields["path"],
        extra=fields,
    )


def log_two_factor_failed(request, *, failures: int | None = None, locked: bool = False) -> None:
    """Record a wrong second-factor code after a correct password, or (``locked``) a code sent
    while the second factor is locked: the password is known to whoever typed it, so a run of
    these matters more than a run of wrong passwords. ``failures``: wrong codes in a row."""
    event = "two_factor_locked_out" if locked else "two_factor_failed"
    fields = {
        "event": event,
        "user_id": _user_id(request),
        "path": request.path,
        "failures": failures,
    }
    logger.info(
        "%s user_id=%s failures=%s path=%s",
        event,
        fields["user_id"],
        fields["failures"],
        fields["path"],
        extra=fields,
    )


@receiver(user_login_failed, dispatch_uid="incubator.kernel.security.login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Record a failed login with the username as typed (shortened) and the path; django-axes
    keeps its own record in the database and decides on lockouts."""
    username = str(credentials.get("username", ""))[:USERNAME_LOG_LENGTH]
    fields = {
        "event": "login_failed",
        "username": username,
        "path": request.path if request is not None else None,
    }
    logger.info("login_failed username=%r path=%s", username, fields["path"], extra=fields)
