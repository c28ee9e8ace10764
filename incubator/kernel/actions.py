"""One pattern for back-office actions: a state change on one object behind a form.

``ActionView`` is the class every app's actions subclass: a selector scopes the objects the user
may act on (others answer 404, and the refusal is logged), a form collects what the action needs,
``act`` calls the service with ``by=request.user`` (the service checks again and refuses with a
``ServiceError``, which shows on the form with everything typed kept), and a message and a
redirect follow. Every action form is safe to submit twice (``incubator.kernel.idempotency``).

``action_form`` is the function underneath, for the few actions that are not on one object.
``blockers`` (and ``cautions``) say, above the form and before anything is typed, what stops the
action now (the send button is disabled and says why) or deserves a look first;
``header_action_buttons`` puts an object's main actions beside its page's title, not under "⋯"."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from wagtail.admin.widgets.button import HeaderButton

from incubator.kernel.errors import ServiceError
from incubator.kernel.forms import ConfirmForm
from incubator.kernel.idempotency import (
    TOKEN_FIELD,
    AlreadySubmitted,
    already_submitted_response,
    earlier_submission,
    submission_token,
    submit_once,
)
from incubator.kernel.permissions import get_visible_or_404

TEMPLATE = "incubator/admin/action_form.html"


def action_form(
    request,
    *,
    form,
    act,
    back: str,
    heading,
    subtitle: str,
    intro="",
    icon="form",
    confirm=None,
    template_name: str = TEMPLATE,
    blockers=(),
    cautions=(),
):
    """One back-office action behind a form. On a valid POST, ``act(cleaned_data)`` calls the
    service and returns (success message, where to go); a refusal shows on the form, which
    keeps what was typed. The form is safe to submit twice (``incubator.kernel.idempotency``):
    the second submission changes nothing and says so. With ``confirm(cleaned_data)`` returning
    (label, value) pairs, a valid form first shows them on a confirmation page (plain HTML,
    no JavaScript) and acts only once confirmed; "Change" returns to the form as typed.
    ``blockers`` and ``cautions`` (messages) show above the form; while a blocker remains the
    send button is disabled (the service, which refuses the action too, stays the judge)."""
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, back)
    confirming = None
    if request.method == "POST" and form.is_valid():
        if confirm is None or request.POST.get("confirmed"):
            response = _act_once(request, form, act, back)
            if response is not None:
                return response
        elif not request.POST.get("change"):
            confirming = confirm(form.cleaned_data)
    return TemplateResponse(
        request,
        template_name,
        {
            "form": form,
            "heading": heading,
            "subtitle": subtitle,
            "intro": intro,
            "icon": icon,
            "back": back,
            "confirming": confirming,
            "submission_token": submission_token(request),
            "token_field": TOKEN_FIELD,
            "blockers": list(blockers),
            "cautions": list(cautions),
        },
    )


def header_action_buttons(actions) -> list:
    """Header buttons for an object's main actions, shown beside its page's title: the first
    primary, the others secondary. ``actions`` are (label, url, icon) triples; use as an
    inspect view's ``header_buttons``."""
    return [
        HeaderButton(
            label,
            url=url,
            icon_name=icon,
            classname="" if index == 0 else "button-secondary",
            attrs={"data-action-button": "primary" if index == 0 else "secondary"},
        )
        for index, (label, url, icon) in enumerate(actions)
    ]


def _act_once(request, form, act, back):
    """Run the action once for this form's token: the redirect after it, or None when the
    service refused (its message is then on the form)."""
    try:
        with submit_once(request) as done:
            message, target = act(form.cleaned_data)
            done(target)
    except AlreadySubmitted as error:
        return already_submitted_response(request, error.submission, back)
    except ServiceError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, message)
    return redirect(target)


class ActionView(View):
    """One back-office action on one object. Subclasses set ``selector`` (user -> the queryset
    of objects the user may act on), ``form_class``, ``heading`` and ``icon``, and implement
    ``act(obj, data)`` (call the service with ``by=self.request.user``; return the success
    message) and ``back_url(obj)``. Optional: ``get_form_kwargs(obj)``, ``success_url(obj)``,
    ``subtitle(obj)``, ``intro(obj)``, ``confirmation(obj, data)`` (label/value pairs shown
    for confirmation before acting), ``select_related`` (paths read with the object),
    ``blockers(obj)`` (what stops the action now, shown before the form is filled in, the
    button disabled) and ``cautions(obj)`` (what to look at first, the button left on)."""

    selector = None
    form_class = ConfirmForm
    heading = ""
    icon = "form"
    template_name = TEMPLATE
    select_related: tuple[str, ...] = ()
    http_method_names = ["get", "post"]

    def get_object(self):
        queryset = self.selector(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return get_visible_or_404(self.request, queryset, pk=self.kwargs["pk"])

    def get_form_kwargs(self, obj) -> dict:
        return {}

    def get_form(self, obj):
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, **self.get_form_kwargs(obj))

    def act(self, obj, data):
        raise NotImplementedError

    def back_url(self, obj) -> str:
        raise NotImplementedError

    def success_url(self, obj) -> str:
        return self.back_url(obj)

    def subtitle(self, obj) -> str:
        return str(obj)

    def intro(self, obj) -> str:
        return ""

    def get_heading(self, obj):
        return self.heading

    def blockers(self, obj) -> list[str]:
        return []

    def cautions(self, obj) -> list[str]:
        return []

    confirmation = None

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        obj = self.get_object()

        def act(data):
            return self.act(obj, data), self.success_url(obj)

        confirm = None
        if self.confirmation is not None:

            def confirm(data):
                return self.confirmation(obj, data)

        return action_form(
            request,
            form=self.get_form(obj),
            act=act,
            back=self.back_url(obj),
            heading=self.get_heading(obj),
            subtitle=self.subtitle(obj),
            intro=self.intro(obj),
            icon=self.icon,
            confirm=confirm,
            template_name=self.template_name,
            blockers=self.blockers(obj),
            cautions=self.cautions(obj),
        )
