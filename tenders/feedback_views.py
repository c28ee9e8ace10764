"""The public feedback page of a service site, reached from the QR code on the poster at its
door: no account, no JavaScript, large type. Scan, answer, thanks: three screens. One browser
answers once a day for a site (a random token in a cookie, kept as a keyed hash); a hidden
field that people never fill catches scripts; and each address has a rate limit."""

import secrets

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from incubator.kernel.errors import ServiceError
from incubator.kernel.ratelimit import rate_limited
from tenders.models import Respondent, ServiceSite
from tenders.models.feedback import COMMENT_MAX
from tenders.services.feedback import feedback_submit
from tenders.survey_selectors import survey_is_open

DEVICE_COOKIE = "feedback_device"
DEVICE_COOKIE_AGE = 400 * 24 * 60 * 60
# The faces, worst to best: the words, and the mouth of the face drawn beside them (an SVG
# path on a 24 × 24 face; drawn, not an emoji, which old phones show as an empty box).
FACES = [
    (1, gettext_lazy("Very unhappy"), "M7 17.5 Q12 11.5 17 17.5"),
    (2, gettext_lazy("Unhappy"), "M8 16.5 Q12 13.5 16 16.5"),
    (3, gettext_lazy("So-so"), "M8 15.5 L16 15.5"),
    (4, gettext_lazy("Happy"), "M8 14.5 Q12 17.5 16 14.5"),
    (5, gettext_lazy("Very happy"), "M7 13.5 Q12 20 17 13.5"),
]


class FeedbackForm(forms.Form):
    """A rating, an optional comment, who answers; ``website`` is the trap for scripts."""

    rating = forms.TypedChoiceField(
        label=gettext_lazy("How happy are you with the service here?"),
        choices=[(value, label) for value, label, _mouth in FACES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose one of the five faces.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything you want to tell us? (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Please do not write names, phone numbers or ID numbers."),
    )
    respondent = forms.ChoiceField(
        label=gettext_lazy("Who is answering?"),
        choices=Respondent.choices,
        initial=Respondent.RESIDENT,
        widget=forms.RadioSelect,
    )
    code = forms.CharField(
        label=gettext_lazy("Code on your card (optional)"),
        required=False,
        max_length=20,
        help_text=gettext_lazy(
            "If the centre gave you a card with a code, type it here (scanning the card fills "
            "it in). Answers with a code count as verified."
        ),
    )
    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))


def _site(code: str) -> ServiceSite:
    return get_object_or_404(
        ServiceSite.objects.select_related("contract__organisation"), code=code[:16]
    )


def _render(request, site, form, status=200):
    response = TemplateResponse(
        request,
        "tenders/feedback/form.html",
        {
            "site": site,
            "form": form,
            "faces": zip(form["rating"], [mouth for _v, _l, mouth in FACES], strict=True),
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
            # One query: the page links to the contract's survey only while one is open.
            "survey_open": survey_is_open(site.contract_id, timezone.localdate()),
        },
        status=status,
    )
    return with_device_cookie(request, response)


def with_device_cookie(request, response):
    """``response`` giving the browser its random token, unless it has one (shared by the
    feedback and survey pages: one phone is one device for both)."""
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(16),
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@rate_limited("feedback")
def feedback(request, code: str):
    """The site's feedback form; a valid answer is recorded and the thanks page follows."""
    site = _site(code)
    if request.method != "POST":
        # A card's QR code carries its code, so the resident types nothing.
        return _render(
            request, site, FeedbackForm(initial={"code": request.GET.get("code", "")[:20]})
        )
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _render(request, site, form, status=400)
    if form.cleaned_data["website"]:
        # A script filled the trap: it is thanked like anyone and nothing is kept.
        return redirect("site_feedback_thanks", code=site.code)
    token = request.COOKIES.get(DEVICE_COOKIE) or secrets.token_urlsafe(16)
    try:
        feedback_submit(
            site=site,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            respondent=form.cleaned_data["respondent"],
            device_token=token,
            code=form.cleaned_data["code"],
        )
    except ServiceError as error:
        form.add_error(None, error.message)
        return _render(request, site, form, status=400)
    return redirect("site_feedback_thanks", code=site.code)


def thanks(request, code: str):
    """Thanks, and what happens to the answer."""
    site = _site(code)
    return TemplateResponse(
        request,
        "tenders/feedback/thanks.html",
        {"site": site, "retention_days": settings.FEEDBACK_RETENTION_DAYS},
    )


urlpatterns = [
    path("feedback/<str:code>/", feedback, name="site_feedback"),
    path("feedback/<str:code>/thanks/", thanks, name="site_feedback_thanks"),
]
