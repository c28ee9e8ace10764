"""The public page of a contract's open residents' survey, reached from a site's feedback
page: no account, no JavaScript, large type; each question answered from one to five. One
browser answers a survey once (the feedback page's device token, kept as a keyed hash); a
hidden field that people never fill catches scripts; each address has a rate limit."""

import secrets

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from incubator.kernel.errors import ServiceError
from incubator.kernel.ratelimit import rate_limited
from tenders.feedback_views import DEVICE_COOKIE, FACES, with_device_cookie
from tenders.models import ServiceSite
from tenders.services.surveys import survey_answer
from tenders.survey_selectors import open_survey

QUESTION_PREFIX = "q_"


class SurveyForm(forms.Form):
    """One question per field, each rated one (very unhappy) to five (very happy);
    ``website`` is the trap for scripts."""

    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(value, label) for value, label, _mouth in FACES],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Choose one of the five answers.")},
            )

    def question_fields(self):
        return [self[f"{QUESTION_PREFIX}{question.pk}"] for question in self.questions]

    def ratings(self) -> dict:
        return {
            question.pk: self.cleaned_data[f"{QUESTION_PREFIX}{question.pk}"]
            for question in self.questions
        }


def _site(code: str) -> ServiceSite:
    return get_object_or_404(
        ServiceSite.objects.select_related("contract__organisation"), code=code[:16]
    )


def _render(request, site, survey, form, status=200):
    return with_device_cookie(
        request,
        TemplateResponse(
            request,
            "tenders/survey/form.html",
            {"site": site, "survey": survey, "form": form},
            status=status,
        ),
    )


@rate_limited("feedback")
def survey(request, code: str):
    """The open survey of the site's contract, or word that none is open; a complete answer
    is recorded and the thanks page follows."""
    site = _site(code)
    current = open_survey(site.contract_id, timezone.localdate())
    if current is None:
        return _render(request, site, None, None)
    questions = sorted(
        current.questions.all(), key=lambda question: (question.position, question.pk)
    )
    if request.method != "POST":
        return _render(request, site, current, SurveyForm(questions=questions))
    form = SurveyForm(request.POST, questions=questions)
    if not form.is_valid():
        return _render(request, site, current, form, status=400)
    if form.cleaned_data["website"]:
        # A script filled the trap: it is thanked like anyone and nothing is kept.
        return redirect("site_survey_thanks", code=site.code)
    try:
        survey_answer(
            survey=current,
            ratings=form.ratings(),
            device_token=request.COOKIES.get(DEVICE_COOKIE) or secrets.token_urlsafe(16),
            site=site,
        )
    except ServiceError as error:
        form.add_error(None, error.message)
        return _render(request, site, current, form, status=400)
    return redirect("site_survey_thanks", code=site.code)


def thanks(request, code: str):
    """Thanks, and what the answers are for."""
    return TemplateResponse(request, "tenders/survey/thanks.html", {"site": _site(code)})


urlpatterns = [
    path("survey/<str:code>/", survey, name="site_survey"),
    path("survey/<str:code>/thanks/", thanks, name="site_survey_thanks"),
]
