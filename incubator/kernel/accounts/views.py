"""Accounts: log in (staff to the back office, organisations to the portal), log out (only by
POST; a GET shows a page asking to confirm). Accepting an invitation to an organisation is the
incubation domain's (``incubator.incubation.invitation_views``). Password change and
reset are Django's views with our templates."""

from django.contrib.auth.views import LoginView, LogoutView
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from wagtail.admin.views.account import LogoutView as WagtailLogoutView


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
