"""The public letter verification pages: anyone holding a letter checks that it is genuine and
still valid. A page shows one letter only, found by its unguessable code."""

import re

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from incubator.kernel.models import Letter
from incubator.kernel.ratelimit import rate_limited

MAX_CODE_LENGTH = 60
# Codes are URL-safe tokens; anything else cannot be a code, is never looked up (PostgreSQL
# refuses NUL) and never built into a URL (a slash has no route).
CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]+")


def _not_found(request, code: str) -> TemplateResponse:
    return TemplateResponse(
        request, "incubator/letters/verify_not_found.html", {"code": code}, status=404
    )


@rate_limited("letter_verify", methods=("GET",))
def verify_form(request):
    """Type the code printed on a letter."""
    code = request.GET.get("code", "").strip()[:MAX_CODE_LENGTH]
    if code and not CODE_SHAPE.fullmatch(code):
        return _not_found(request, code)
    if code:
        return redirect("letter_verify", code=code)
    return TemplateResponse(request, "incubator/letters/verify_form.html")


@rate_limited("letter_verify", methods=("GET",))
def verify(request, code: str):
    """Whether the letter with this code is genuine, and valid or revoked."""
    code = code[:MAX_CODE_LENGTH]
    if not CODE_SHAPE.fullmatch(code):
        return _not_found(request, code)
    letter = (
        Letter.objects.select_related("recipient", "replaced_by")
        .filter(verification_code=code)
        .first()
    )
    if letter is None:
        return _not_found(request, code)
    return TemplateResponse(request, "incubator/letters/verify.html", {"letter": letter})


urlpatterns = [
    path("letters/verify/", verify_form, name="letter_verify_form"),
    path("letters/verify/<str:code>/", verify, name="letter_verify"),
]
