"""One back-office action behind a form (``action_form``), shared by the apps' admin views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from incubator.kernel.errors import ServiceError
from incubator.kernel.idempotency import (
    TOKEN_FIELD,
    AlreadySubmitted,
    already_submitted_response,
    earlier_submission,
    submission_token,
    submit_once,
)


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
):
    """One back-office action behind a form. On a valid POST, ``act(cleaned_data)`` calls the
    service and returns (success message, where to go); a refusal shows on the form, which
    keeps what was typed. The form is safe to submit twice (``incubator.kernel.idempotency``): the
    second submission changes nothing and says so. With ``confirm(cleaned_data)`` returning
    (label, value) pairs, a valid form first shows them on a confirmation page (plain HTML,
    no JavaScript) and acts only once confirmed; "Change" returns to the form as typed."""
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
        "incubator/admin/action_form.html",
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
        },
    )


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
