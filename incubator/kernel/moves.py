"""The locked re-read every state change starts with: a row lock held until commit, then the
model's ``ALLOWED_MOVES`` table decides whether the object may move to one of the targets.

Models with a status keep ``ALLOWED_MOVES = {status: {statuses it may move to}}``; services call
``locked_for_move`` inside their transaction so that two concurrent moves cannot both pass."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from incubator.kernel.errors import ServiceError

M = TypeVar("M", bound=Model)

MOVE_REFUSED = _("This is %(status)s; it cannot be changed that way now.")


def locked_for_move(
    obj: M,
    *targets: str,
    refused: str | Promise | Callable[[M], str | Promise] = MOVE_REFUSED,
    related: Iterable[str] = (),
    lock_of: tuple[str, ...] = (),
) -> M:
    """Re-read ``obj`` under a row lock and check that its current status may move to one of
    ``targets``; otherwise raise ``ServiceError`` (code ``move_refused``).

    ``refused`` is the message: a format string given ``status`` (the current status, as
    displayed), or a callable that receives the locked object and returns the whole message.
    ``related`` are ``select_related`` paths read in the same query; ``lock_of`` restricts the
    lock to those tables (``select_for_update(of=...)``), as PostgreSQL needs when ``related``
    reaches nullable relations."""
    model = type(obj)
    queryset = model._default_manager.select_for_update(of=lock_of)
    if related:
        queryset = queryset.select_related(*related)
    locked = queryset.get(pk=obj.pk)
    allowed = model.ALLOWED_MOVES[locked.status]
    if not any(target in allowed for target in targets):
        if callable(refused) and not isinstance(refused, Promise):
            message = refused(locked)
        else:
            message = refused % {"status": locked.get_status_display()}
        raise ServiceError(message, code="move_refused")
    return locked
