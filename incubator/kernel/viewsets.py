"""Wagtail admin viewsets whose every view is scoped to what the user may see: the listing
shows only permitted objects, and an object outside the user's scope answers 404 on every
object URL (edit, inspect, delete, history, usage), never a page that confirms it exists."""

import operator
from functools import partial

from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from incubator.kernel.deletion import deletion_refusal
from incubator.kernel.display import display_value
from incubator.kernel.errors import ServiceError
from incubator.kernel.exports import SafeExportMixin
from incubator.kernel.permissions import ScopedPermissionPolicy, combined
from incubator.kernel.record_actions import RecordActionsInspectMixin
from incubator.kernel.security import log_refused_access

_OBJECT_VIEWS = [
    "edit_view_class",
    "delete_view_class",
    "inspect_view_class",
    "history_view_class",
    "usage_view_class",
    "copy_view_class",
]


class ServiceSaveMixin:
    """A Wagtail create or edit view that saves through a service (``save_instance``). A
    refusal shows on the form, beside the field ``refusal_fields`` names for its code (above
    the form otherwise), with the admin's error banner; nothing typed is lost. A
    ``ValidationError`` of the service shows beside ``validation_error_field`` when one is
    named (and is not caught otherwise)."""

    refusal_fields: dict = {}
    validation_error_field: str | None = None

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except ServiceError as error:
            form.add_error(self.refusal_fields.get(error.code), error.message)
        except ValidationError as error:
            if self.validation_error_field is None:
                raise
            form.add_error(self.validation_error_field, error)
        else:
            response = self.save_action()
            hook_response = self.run_after_hook()
            return hook_response if hook_response is not None else response
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


class _ScopedObjectMixin:
    def dispatch(self, request, *args, **kwargs):
        # Lacking the model-level right to an action says nothing different about one object
        # than about another, but every object URL answers alike: as if the object were absent.
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            log_refused_access(request, model=self.model, object_id=kwargs.get("pk"))
            raise Http404 from error

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        action = getattr(self, "permission_required", None) or "view"
        policy = self.permission_policy
        user = self.request.user
        # A scoped policy asks about this one object; a plain one checks model permissions.
        allowed = getattr(
            policy, "user_has_permission_for_object", policy.user_has_permission_for_instance
        )
        if not (allowed(user, "view", instance) and allowed(user, action, instance)):
            log_refused_access(self.request, model=instance, object_id=instance.pk)
            raise Http404
        return instance


class _ReadableInspectMixin:
    """Every field of an inspect page as a person reads it (``incubator.kernel.display``): Wagtail's
    own template formats the raw value, which prints an aware time in UTC."""

    def get_field_display_value(self, field_name, field):
        return display_value(super().get_field_display_value(field_name, field), field)


class ReadableColumn(Column):
    """A listing column of one model field, read as on the inspect page: ¥72,000.00, 50 %,
    yes or no, a dash for nothing."""

    def __init__(self, name, *, field=None, **kwargs):
        super().__init__(name, **kwargs)
        self.field = field

    def get_value(self, instance):
        return display_value(super().get_value(instance), self.field)


def _model_field(model, field_name: str):
    """The model field a ``list_display`` entry such as ``hub__name`` ends at, or None."""
    *relations, name = field_name.split("__")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return None


class _RefuseProtectedDeleteMixin:
    """The delete view of a record that others' history points at (with PROTECT) refuses at
    once, with a message naming what depends on it, instead of failing on delete."""

    def dispatch(self, request, *args, **kwargs):
        refusal = deletion_refusal(self.object) if getattr(self, "object", None) else None
        if refusal:
            messages.error(request, refusal)
            if self.edit_url_name:
                return redirect(reverse(self.edit_url_name, args=[quote(self.object.pk)]))
            return redirect(reverse(self.index_url_name))
        return super().dispatch(request, *args, **kwargs)


class _ScopedIndexMixin:
    list_select_related: tuple[str, ...] = ()
    opens_inspect = False

    def _get_title_column(self, field_name, *args, **kwargs):
        # A record with a page of its own opens on that page (its state and its actions),
        # not on its edit form; the edit form stays one click away on the page.
        column = super()._get_title_column(field_name, *args, **kwargs)
        if self.opens_inspect:
            column._get_url_func = self.get_inspect_url
        return column

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = partial(ReadableColumn, field=_model_field(self.model, field_name))
        return super()._get_custom_column(field_name, column_class, **kwargs)

    @cached_property
    def columns(self):
        # A column declared by name alone (BooleanColumn("is_active")) is labelled from that
        # name, in English; the field's verbose name is translated.
        columns = super().columns
        for column in columns:
            field = _model_field(self.model, column.name) if self.model else None
            if field is not None and column.label == capfirst(column.name.replace("_", " ")):
                column.label = capfirst(field.verbose_name)
        return columns

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related(*self.list_select_related)
        visible = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change", "delete"]
        )
        if not visible.query.where:  # every row: nothing to filter
            return queryset
        return combined([queryset, visible], operator.and_)


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose views filter through ``permission_policy`` (a
    ``ScopedPermissionPolicy``) instead of trusting model-wide permissions alone.
    ``list_select_related`` names the relations the listing shows, loaded in the same query.
    Exports (``list_export``) go through ``SafeExportMixin``: the same filtered, scoped rows,
    with CSV cells that could run as formulas neutralised.

    A viewset carries its scopes: ``scopes`` maps an action ("view", "add", "change",
    "delete") to a selector ``user -> queryset`` of the objects the user may take it on, and
    ``scope_holder`` (``user -> bool``) says whether the user holds a scope at all. A subclass
    that declares ``scopes`` registers the ``ScopedPermissionPolicy`` of its model when it is
    defined, so every Wagtail screen of the model (menus, choosers, listings) asks the same;
    ``model_wide = False`` makes every action go through its scope.

    A record with an inspect view is read there: the first column of the listing links to it
    rather than to the edit form, and ``record_actions`` (``incubator.kernel.record_actions``)
    are its transitions, shown as buttons on that page to the users who may take them."""

    list_select_related: tuple[str, ...] = ()
    record_actions: tuple = ()
    scopes: dict | None = None
    scope_holder = None
    model_wide = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("scopes") is not None:
            register_permission_policy(
                cls.model,
                ScopedPermissionPolicy(
                    cls.model,
                    scopes=cls.scopes,
                    scope_holder=cls.scope_holder,
                    model_wide=cls.model_wide,
                ),
            )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.index_view_class = type(
            f"Scoped{self.index_view_class.__name__}",
            (_ScopedIndexMixin, SafeExportMixin, self.index_view_class),
            {
                "list_select_related": self.list_select_related,
                "opens_inspect": bool(self.inspect_view_enabled),
            },
        )
        for attribute in _OBJECT_VIEWS:
            view_class = getattr(self, attribute, None)
            if view_class is not None:
                mixins = (_ScopedObjectMixin,)
                if attribute == "inspect_view_class":
                    mixins += (_ReadableInspectMixin, RecordActionsInspectMixin)
                if attribute == "delete_view_class":
                    mixins += (_RefuseProtectedDeleteMixin,)
                attributes = {}
                if attribute == "inspect_view_class":
                    attributes["record_actions"] = tuple(self.record_actions)
                setattr(
                    self,
                    attribute,
                    type(f"Scoped{view_class.__name__}", (*mixins, view_class), attributes),
                )


class ActionOnlyViewSet(ScopedModelViewSet):
    """A :class:`ScopedModelViewSet` of records that change only through their services: read
    in the listing and the inspect view, never added, edited, copied or deleted through a
    form (``form_fields`` still names one field, which Wagtail asks of every model viewset).
    ``action_urls`` are the screens that take the services, as (route, view, name)."""

    inspect_view_enabled = True
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    action_urls: tuple = ()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(path(route, view, name=name) for route, view, name in self.action_urls),
        ]
