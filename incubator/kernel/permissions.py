"""Scoped access, shared by every app: ``require_allowed`` (the one check every state-changing
service makes of who acts), ``get_visible_or_404`` (an object of a queryset already
narrowed to what the user may see, or the same 404 whether it is missing or refused), and a
Wagtail permission policy that joins model-wide permissions (bureau officers) with object
permissions (hub managers, members) through the apps' selectors."""

import operator
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies.base import ModelPermissionPolicy

from incubator.kernel.errors import ServiceError
from incubator.kernel.roles import Role
from incubator.kernel.security import log_refused_access

NOT_ALLOWED = _("You may not do this.")


def require_allowed(
    selector: Callable[..., QuerySet], by, obj: Model, *, message: str | Promise = NOT_ALLOWED
) -> None:
    """The one authorization check of every state-changing service: refuse
    (``ServiceError``, code ``not_allowed``) unless ``obj`` is among ``selector(by)``, one of
    the app's "may act" selectors (``<objects>_user_may_<verb>``). Nobody (``by`` None) is
    refused too; the services the system or an anonymous visitor may call say so and do not
    call this for them. Views scope their querysets with the same selectors and answer 404;
    the service refuses on its own, before anything else, so no caller (a view, a task, a
    shell) can skip the rule. ``message`` lets an app name what was refused."""
    if by is None or not selector(by).filter(pk=obj.pk).exists():
        raise ServiceError(message, code="not_allowed")


def users_allowed(
    selector: Callable[..., QuerySet], obj: Model, *, candidates: Iterable | None = None
) -> list:
    """Who may act on ``obj`` now: the ``candidates`` (by default every active holder of a
    staff role) for whom ``obj`` is among ``selector(user)``, the very selector its service
    checks with ``require_allowed``. For telling staff that an item entered their queue; one
    query per candidate, and staff are few."""
    if candidates is None:
        candidates = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=Role.values)
            .distinct()
            .order_by("pk")
        )
    return [
        user
        for user in candidates
        if user is not None and user.is_active and selector(user).filter(pk=obj.pk).exists()
    ]


def get_visible_or_404(request, queryset: QuerySet, **lookup) -> Model:
    """The object of ``queryset`` (already narrowed to what ``request.user`` may see) that
    matches ``lookup``, or 404. When the object exists but lies outside the user's queryset,
    the refusal is logged (``incubator.kernel.security``) before the same 404 that a missing object
    gets, so the answer never tells them apart. Scope the queryset, and keep ``lookup`` to the
    object's identity (usually ``pk=``), so that the existence check is meaningful."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        if queryset.model._base_manager.filter(**lookup).exists():
            log_refused_access(request, model=queryset.model, object_id=_object_id(lookup))
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.") from None


def _object_id(lookup: dict):
    for key in ("pk", "id"):
        if key in lookup:
            return lookup[key]
    return ",".join(f"{key}={value}" for key, value in sorted(lookup.items()))


def combined(querysets: list[QuerySet], how) -> QuerySet:
    """``querysets`` of one model joined with ``how`` (``operator.or_`` or ``operator.and_``)
    as one query with their conditions side by side; where Django cannot combine two (a
    distinct one, say), they are joined as subqueries of ids."""
    result = querysets[0]
    for queryset in querysets[1:]:
        try:
            result = how(result, queryset.order_by())
        except TypeError:
            ids = Q(pk__in=queryset.values("pk"))
            if how is operator.and_:
                result = result.filter(ids)
            else:
                result = result.model._default_manager.filter(Q(pk__in=result.values("pk")) | ids)
    return result


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for those who hold them model-wide; for everyone else, the actions
    they may take on the objects a selector gives them. ``scopes`` maps an action ("view",
    "change", ...) to a selector ``user -> queryset``; actions without a scope need the
    model-wide permission. With ``model_wide=False`` the model-wide permissions count for
    nothing: every action goes through its scope (for records whose selector already knows
    who sees all, such as bids that stay sealed even for bureau officers until the deadline)."""

    def __init__(self, model, *, scopes: dict, scope_holder=None, auth_model=None, model_wide=True):
        super().__init__(model, auth_model=auth_model)
        self.scopes = scopes
        self.model_wide = model_wide
        # Whether the user holds a scope at all, even one that is empty today (a hub manager
        # whose hub has no organisations yet still has the Organisations menu).
        self.scope_holder = scope_holder

    def _holds_model_wide(self, user, action: str) -> bool:
        return self.model_wide and super().user_has_permission(user, action)

    def _scoped(self, user, action: str) -> QuerySet | None:
        selector = self.scopes.get(action)
        return selector(user) if selector is not None else None

    def user_has_permission(self, user, action):
        if self._holds_model_wide(user, action):
            return True
        if action not in self.scopes:
            return False
        if self.scope_holder is not None and self._memo(user, "holder", self.scope_holder):
            return True
        return bool(self._scoped_pks(user, action))

    def user_has_any_permission(self, user, actions):
        # Model-wide rights first, for every action: they cost no query, where a scope that
        # happened to be asked first would read its rows.
        actions = list(actions)
        if any(self._holds_model_wide(user, action) for action in actions):
            return True
        return any(self.user_has_permission(user, action) for action in actions)

    def _memo(self, user, key, compute):
        """``compute(user)``, remembered on the user object, which lives for one request."""
        cache = user.__dict__.setdefault("_scope_memo", {})
        full_key = (self.model._meta.label, key)
        if full_key not in cache:
            cache[full_key] = compute(user)
        return cache[full_key]

    def user_has_permission_for_instance(self, user, action, instance):
        if self._holds_model_wide(user, action):
            return True
        memo = user.__dict__.get("_scope_memo", {})
        one = memo.get((self.model._meta.label, self._one_key(action, instance)))
        if one is not None:
            return one
        # A listing asks about each row: the scope is read once, then each row costs nothing.
        return instance.pk in self._scoped_pks(user, action)

    def user_has_permission_for_object(self, user, action, instance) -> bool:
        """Like ``user_has_permission_for_instance`` for a page about one object: asks
        whether that object is in the scope (one query, remembered for the request) instead
        of reading the whole scope (thousands of contracts at city scale)."""
        if self._holds_model_wide(user, action):
            return True

        def compute(user):
            scoped = self._scoped(user, action)
            return scoped is not None and scoped.filter(pk=instance.pk).exists()

        return self._memo(user, self._one_key(action, instance), compute)

    def _one_key(self, action: str, instance) -> str:
        return f"one:{self._scope_key(action)}:{instance.pk}"

    def _scope_key(self, action: str):
        # Keyed by the selector: actions that share one (add, change, delete) share the query.
        # (by identity: two lambdas of one module share a name, never an identity).
        selector = self.scopes.get(action)
        return id(selector) if selector else action

    def _scoped_pks(self, user, action: str) -> frozenset:
        """The pks in the user's scope for an action, read once per request, so a listing's
        per-row checks cost no query per row."""

        def compute(user):
            scoped = self._scoped(user, action)
            return (
                frozenset(scoped.values_list("pk", flat=True))
                if scoped is not None
                else frozenset()
            )

        return self._memo(user, f"pks:{self._scope_key(action)}", compute)

    def instances_user_has_permission_for(self, user, action):
        if self._holds_model_wide(user, action):
            return self.model._default_manager.all()
        scoped = self._scoped(user, action)
        return scoped if scoped is not None else self.model._default_manager.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self._holds_model_wide(user, action) for action in actions):
            # Model-wide: every row, without a subquery that keeps the database from walking
            # an index in the listing's order.
            return self.model._default_manager.all()
        # Actions sharing a selector share its queryset; the querysets are combined as
        # conditions on the rows themselves, which the database plans with the listing's own
        # filters, rather than as nested subqueries of ids.
        querysets = {}
        for action in actions:
            key = id(self.scopes.get(action)) if action in self.scopes else action
            querysets.setdefault(key, self.instances_user_has_permission_for(user, action))
        return combined(list(querysets.values()), operator.or_)
