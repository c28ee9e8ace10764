"""How django-axes names the account a login attempt was for."""

from django.conf import settings

# axes keeps the username in a column of 255 characters.
USERNAME_MAX_LENGTH = 255


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The username typed, cut to what axes can store. The login forms do not limit its
    length, and PostgreSQL refuses a longer value: a failed login would become a 500."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
