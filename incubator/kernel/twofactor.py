"""Two-factor login for staff: anyone who may open the back office (bureau officers, hub
managers, evaluators, site administrators) confirms each login with a time-based one-time code
from an authenticator app, or with one of ten single-use recovery codes. The first time, they
set the app up. Until then every back-office URL sends them to that page.

django-otp keeps the devices (TOTP, and static tokens for recovery) and marks the session
verified; this module adds the pages and the middleware that requires it.

Wrong codes lock the second factor like wrong passwords lock the account (the same limit and
period as django-axes: ``AXES_FAILURE_LIMIT`` in a row lock it for ``AXES_COOLOFF_TIME``); while
locked, no code is accepted, not even the right one, so a password thief cannot try codes by
the thousand. Each wrong code, and each try while locked, goes to the ``incubator.kernel.security``
log."""

import math
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

import segno
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from incubator.kernel.audit import audit_log
from incubator.kernel.models import SecondFactorFailures
from incubator.kernel.roles import ACCESS_ADMIN
from incubator.kernel.security import log_two_factor_failed

RECOVERY_CODES = 10
# What a staff session reaches before its second factor, by URL name (any language prefix).
OPEN_VIEWS = frozenset({"two_factor", "logout", "wagtailadmin_logout", "set_language"})


def is_staff(user) -> bool:
    """Whether the user may open the back office, and so needs a second factor."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(ACCESS_ADMIN))


class StaffTwoFactorMiddleware:
    """Send staff whose session is not verified by a second factor to the two-factor page
    (set-up the first time) from every URL but the few in ``OPEN_VIEWS`` and static assets,
    and back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
            and is_staff(request.user)
            and not _open_before_second_factor(request)
        ):
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.path})}")
        return self.get_response(request)


def _open_before_second_factor(request) -> bool:
    """Whether the URL is one a staff session may reach before its second factor."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in OPEN_VIEWS


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


class SecondFactorLocked(Exception):
    """The account's second factor is locked; ``minutes`` until it opens again."""

    def __init__(self, minutes: int):
        super().__init__(minutes)
        self.minutes = minutes


def _locked_until(failures: SecondFactorFailures):
    if failures.failures < settings.AXES_FAILURE_LIMIT or failures.last_failure_at is None:
        return None
    return failures.last_failure_at + settings.AXES_COOLOFF_TIME


def _check_code(request, verify) -> object | None:
    """Run ``verify()`` (which returns a device or None) unless the user's second factor is
    locked, counting wrong codes. The user's row is locked meanwhile, so codes sent in parallel
    are counted one after the other. Raises ``SecondFactorLocked``."""
    now = timezone.now()
    with transaction.atomic():
        SecondFactorFailures.objects.get_or_create(user=request.user)
        failures = SecondFactorFailures.objects.select_for_update().get(user=request.user)
        expired = now - settings.AXES_COOLOFF_TIME
        if failures.last_failure_at is not None and failures.last_failure_at <= expired:
            failures.failures = 0  # the earlier wrong codes are forgotten
        locked_until = _locked_until(failures)
        if locked_until is not None and locked_until > now:
            log_two_factor_failed(request, failures=failures.failures, locked=True)
            raise SecondFactorLocked(math.ceil((locked_until - now).total_seconds() / 60))
        device = verify()
        if device is not None:
            failures.failures, failures.last_failure_at = 0, None
        else:
            failures.failures += 1
            failures.last_failure_at = now
        failures.save()
    if device is None:
        log_two_factor_failed(request, failures=failures.failures)
        if _locked_until(failures) is not None:
            raise SecondFactorLocked(math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return device


def _locked_message(minutes: int) -> str:
    return ngettext(
        "Too many wrong codes in a row: the second factor of this account is locked for "
        "%(minutes)s more minute. Try again then; no code is accepted before. If you did not "
        "make these attempts, tell the site administrator at once.",
        "Too many wrong codes in a row: the second factor of this account is locked for "
        "%(minutes)s more minutes. Try again then; no code is accepted before. If you did not "
        "make these attempts, tell the site administrator at once.",
        minutes,
    ) % {"minutes": minutes}


@login_required
def two_factor(request):
    """Verify this login with a code; the first time, set up the authenticator app."""
    if not is_staff(request.user):
        raise Http404
    form = CodeForm(request.POST or None)
    status = 200
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is None:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="app", confirmed=False)
        if request.method == "POST" and form.is_valid():
            code = form.cleaned_data["code"].strip()
            try:
                verified = _check_code(
                    request, lambda: device if device.verify_token(code) else None
                )
            except SecondFactorLocked as locked:
                form.add_error("code", _locked_message(locked.minutes))
                status = 429
            else:
                if verified is not None:
                    codes = _confirm_set_up(request, device)
                    return TemplateResponse(
                        request,
                        "incubator/accounts/two_factor_codes.html",
                        {"codes": codes, "next": _next(request)},
                    )
                form.add_error("code", _("This code is not right. Check the time on your phone."))
        qr = segno.make(device.config_url, error="m").svg_inline(scale=4)
        return TemplateResponse(
            request,
            "incubator/accounts/two_factor_set_up.html",
            {"form": form, "qr": qr, "secret": _grouped(device), "next": _next(request)},
            status=status,
        )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        try:
            device = _check_code(request, lambda: match_token(request.user, code))
        except SecondFactorLocked as locked:
            form.add_error("code", _locked_message(locked.minutes))
            status = 429
        else:
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            form.add_error("code", _("This code is not right, or was used already."))
    return TemplateResponse(
        request,
        "incubator/accounts/two_factor.html",
        {"form": form, "next": _next(request)},
        status=status,
    )


def _grouped(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
