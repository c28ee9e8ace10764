"""Two-factor login for staff: anyone who may open the back office (bureau officers, hub
managers, evaluators, site administrators) confirms each login with a time-based one-time code
from an authenticator app, or with one of ten single-use recovery codes. The first time, they
set the app up. Until then every back-office URL sends them to that page.

django-otp keeps the devices (TOTP, and static tokens for recovery) and marks the session
verified; this module adds the pages and the middleware that requires it."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import segno
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from incubator.audit import audit_log
from incubator.roles import ACCESS_ADMIN
from incubator.security import log_two_factor_failed

RECOVERY_CODES = 10
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


def is_staff(user) -> bool:
    """Whether the user may open the back office, and so needs a second factor."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(ACCESS_ADMIN))


class StaffTwoFactorMiddleware:
    """Send staff whose session is not verified by a second factor from the back office to
    the two-factor page (set-up the first time), and back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and request.path.startswith("/admin/")
            and not request.path.startswith(OPEN_PATHS)
            and is_staff(request.user)
            and not request.user.is_verified()
        ):
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.path})}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("one-time code", "Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("The 6 digits your app shows now, or one of your recovery codes."),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/admin/"
    return target


@transaction.atomic
def _confirm_set_up(request, device: TOTPDevice) -> list[str]:
    """Confirm the new TOTP device, replace any recovery codes with ten fresh ones, verify the
    session, and audit it. Returns the recovery codes, to be shown once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=request.user).delete()
    recovery = StaticDevice.objects.create(user=request.user, name="recovery")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    otp_login(request, device)
    audit_log(instance=request.user, action="incubator.two_factor.set_up", user=request.user)
    return codes


@login_required
def two_factor(request):
    """Verify this login with a code; the first time, set up the authenticator app."""
    if not is_staff(request.user):
        raise Http404
    form = CodeForm(request.POST or None)
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is None:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["code"].strip()):
                codes = _confirm_set_up(request, device)
                return TemplateResponse(
                    request,
                    "incubator/accounts/two_factor_codes.html",
                    {"codes": codes, "next": _next(request)},
                )
            log_two_factor_failed(request)
            form.add_error("code", _("This code is not right. Check the time on your phone."))
        qr = segno.make(device.config_url, error="m").svg_inline(scale=4)
        return TemplateResponse(
            request,
            "incubator/accounts/two_factor_set_up.html",
            {"form": form, "qr": qr, "secret": _grouped(device), "next": _next(request)},
        )
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        log_two_factor_failed(request)
        form.add_error("code", _("This code is not right, or was used already."))
    return TemplateResponse(
        request, "incubator/accounts/two_factor.html", {"form": form, "next": _next(request)}
    )


def _grouped(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
