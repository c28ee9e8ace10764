"""The one error type our services raise: a translated message for the user, and a code that
tests and views can rely on."""

from django.utils.functional import Promise


class ServiceError(Exception):
    """A request the rules refuse. ``message`` is shown to the user as it is."""

    def __init__(self, message: str | Promise, *, code: str = "refused"):
        super().__init__(str(message))
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
