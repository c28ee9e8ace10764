"""Accounts: log in (staff to the back office, organisations to the portal), log out (only by
POST; a GET shows a page asking to confirm), and accept an invitation. Password change and
reset are Django's views with our templates."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from incubator.incubation.services.invitations import invitation_accept, invitation_from_token
from incubator.kernel.accounts.forms import NewAccountForm
from incubator.kernel.errors import ServiceError


class SiteLoginView(LoginView):
    """Log in; without a ``next`` address, staff go to the back office and others to the portal."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.request.user.has_perm("wagtailadmin.access_admin"):
            return "/admin/"
        return super().get_default_redirect_url()


class SiteLogoutView(LogoutView):
    """Log out by POST only, so that no link or image on any page can log a visitor out. A GET
    (an old bookmark, a typed address) shows a page with a button that posts."""

    http_method_names = ["get", "post", "options"]
    confirm_template_name = "registration/logout_confirm.html"

    @method_decorator(never_cache)
    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.confirm_template_name)


class AdminLogoutView(WagtailLogoutView):
    """The back office's logout (Wagtail's, which also drops the session cookie) by POST only;
    a GET shows a page with a button that posts. Wagtail's own menu item posts already."""

    http_method_names = ["get", "post", "options"]

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's dispatch drops the session cookie whatever the method: a GET must not get
        # that far.
        if request.method == "GET":
            return TemplateResponse(request, "incubator/admin/logout_confirm.html")
        return super().dispatch(request, *args, **kwargs)


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
