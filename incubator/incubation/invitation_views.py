"""Accept an invitation to an organisation: with a new account (the kernel's account form), or
with the invited account when the visitor is logged in as it. Routed under /accounts/."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from incubator.incubation.services.invitations import invitation_accept, invitation_from_token
from incubator.kernel.accounts.forms import NewAccountForm
from incubator.kernel.errors import ServiceError


@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token: str):
    """Show an invitation and accept it: with a new account, or with the invited account if
    the visitor is logged in as it. A used, expired or withdrawn link gets a clear page."""
    try:
        invitation = invitation_from_token(token)
    except ServiceError as error:
        return TemplateResponse(
            request,
            "incubator/accounts/invitation_invalid.html",
            {"reason": error.message, "code": error.code},
            status=410 if error.code in {"used", "expired", "revoked"} else 404,
        )
    user = request.user if request.user.is_authenticated else None
    form = None
    if user is None:
        form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (user is not None or form.is_valid()):
        try:
            accepted = invitation_accept(
                invitation=invitation,
                user=user,
                new_user=form.new_user_data() if form is not None else None,
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            if user is None:
                login(request, accepted, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome to %(organisation)s.")
                % {"organisation": invitation.organisation.display_name()},
            )
            return redirect("portal:dashboard")
    return TemplateResponse(
        request,
        "incubator/accounts/invitation_accept.html",
        {"invitation": invitation, "form": form},
    )


urlpatterns = [
    path("invitation/<str:token>/", accept_invitation, name="invitation_accept"),
]
