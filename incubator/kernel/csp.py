"""Content Security Policy with one policy for the public site and portal, and one for the
Wagtail back office.

The public site and the portal get the strict policy of ``settings.CONTENT_SECURITY_POLICY``:
scripts only from our own origin or with the request's nonce, no inline styles, no outside
hosts. The Wagtail admin (Wagtail 8) writes inline ``<script>`` elements in its form widgets
(date and time choosers, inline panels), runs scripts that arrive inside modal HTML (choosers)
and sets inline styles, and it has no way to put a nonce on any of them. Under ``/admin/`` we
therefore send ``settings.ADMIN_CONTENT_SECURITY_POLICY`` instead: inline scripts and styles
allowed, but still nothing from another host, no plugins, no foreign frames and forms that post
only to us. A nonce in the same directive would make browsers ignore ``'unsafe-inline'``, so the
admin policy is sent without one."""

from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the relaxed back-office policy under ``/admin/``."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            parts.nonce = None
        return parts
