"""Writes of the tender process. Every state-changing service checks its ``by`` against the
selectors of ``tenders.selectors`` before anything else, and refuses with ``NOT_ALLOWED``:
a view that forgets to scope cannot open a hole."""

from django.utils.translation import gettext_lazy as _

from incubator.kernel.errors import ServiceError

NOT_ALLOWED = _("You may not do this in the tender process.")


def refuse_unless(allowed: bool) -> None:
    """Refuse (``not_allowed``) unless ``allowed``, the selector's answer for ``by``."""
    if not allowed:
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
