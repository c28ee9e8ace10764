"""The one authorization check of the incubation services: whoever acts (``by``) must find the
object among those a selector of ``incubator.incubation.selectors`` lets them act on. Views
scope their querysets too, and answer 404; the services refuse on their own, before anything
else, so that no caller (a view, a task, a shell) can skip the rule."""

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from incubator.kernel.errors import ServiceError

NOT_ALLOWED = _("You may not do this.")


def require(selector: Callable[..., QuerySet], by, obj: Model) -> None:
    """Refuse (``ServiceError``, code ``not_allowed``) unless ``obj`` is among
    ``selector(by)``. Nobody (``by`` None) and anonymous visitors are refused too: the services
    that the system or a visitor may call say so, and do not call this for them."""
    if by is None or not selector(by).filter(pk=obj.pk).exists():
        raise ServiceError(NOT_ALLOWED, code="not_allowed")
