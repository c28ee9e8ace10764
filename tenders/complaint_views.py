"""The public side of residents' complaints, beside a site's feedback page: file a complaint
(no account, no JavaScript; a hidden field catches scripts and each address has a rate
limit), see its tracking code, and later follow it with that code: where it stands, its
timeline, the answer, and a rating of the answer. The code is the key: a page of a complaint
answers only to its code, and looking codes up is rate-limited."""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from incubator.kernel.errors import ServiceError
from incubator.kernel.ratelimit import rate_limited
from tenders.complaint_timeline import complaint_timeline
from tenders.models import ComplaintCategory, Respondent, ServiceSite
from tenders.models.complaints import CONTACT_MAX, DESCRIPTION_MAX, normalise_tracking_code
from tenders.services.complaints import complaint_by_code, complaint_file, complaint_rate

RATINGS = [
    (1, gettext_lazy("1 – very poor")),
    (2, gettext_lazy("2 – poor")),
    (3, gettext_lazy("3 – fair")),
    (4, gettext_lazy("4 – good")),
    (5, gettext_lazy("5 – very good")),
]


class ComplaintForm(forms.Form):
    """What the complaint is about, what happened, who files it, an optional contact;
    ``website`` is the trap for scripts."""

    category = forms.ChoiceField(
        label=gettext_lazy("What is the complaint about?"),
        choices=ComplaintCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say what the complaint is about.")},
    )
    description = forms.CharField(
        label=gettext_lazy("What happened?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("When and where it happened, and what you would like done."),
        error_messages={"required": gettext_lazy("Tell us what happened.")},
    )
    respondent = forms.ChoiceField(
        label=gettext_lazy("Who is filing the complaint?"),
        choices=Respondent.choices,
        initial=Respondent.RESIDENT,
        widget=forms.RadioSelect,
    )
    contact = forms.CharField(
        label=gettext_lazy("How can we reach you? (optional)"),
        required=False,
        max_length=CONTACT_MAX,
        help_text=gettext_lazy(
            "A phone number, if you want a call. Seen only by the provider and the bureau. "
            "Without it, follow your complaint with the tracking code you will be shown."
        ),
    )
    website = forms.CharField(required=False, label=gettext_lazy("Leave this empty"))


class TrackForm(forms.Form):
    """A tracking code, as printed on the screen after filing."""

    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=20,
        error_messages={"required": gettext_lazy("Type the tracking code.")},
    )


class RateForm(forms.Form):
    """The resident's rating of the answer."""

    rating = forms.TypedChoiceField(
        label=gettext_lazy("How good was the answer?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a rating from 1 to 5.")},
    )


def _site(code: str) -> ServiceSite:
    return get_object_or_404(
        ServiceSite.objects.select_related("contract__organisation"), code=code[:16]
    )


def _render_form(request, site, form, status=200):
    return TemplateResponse(
        request,
        "tenders/complaints/form.html",
        {
            "site": site,
            "form": form,
            "answer_days": settings.COMPLAINT_ANSWER_WORKING_DAYS,
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
        },
        status=status,
    )


@rate_limited("complaint")
def complaint_new(request, code: str):
    """The complaint form of a site; a valid complaint is filed and its tracking code shown."""
    site = _site(code)
    if request.method != "POST":
        return _render_form(request, site, ComplaintForm())
    form = ComplaintForm(request.POST)
    if not form.is_valid():
        return _render_form(request, site, form, status=400)
    if form.cleaned_data["website"]:
        # A script filled the trap: nothing is kept, and it learns nothing.
        return redirect("site_feedback_thanks", code=site.code)
    try:
        complaint = complaint_file(
            site=site,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            contact=form.cleaned_data["contact"],
            respondent=form.cleaned_data["respondent"],
        )
    except ServiceError as error:
        form.add_error(None, error.message)
        return _render_form(request, site, form, status=400)
    return TemplateResponse(
        request,
        "tenders/complaints/filed.html",
        {"complaint": complaint, "site": site},
    )


@rate_limited("complaint_track")
def complaint_lookup(request):
    """Type a tracking code; a known one leads to its complaint."""
    form = TrackForm(request.GET or None)
    status = 200
    if form.is_bound and form.is_valid():
        complaint = complaint_by_code(form.cleaned_data["code"])
        if complaint is not None:
            return redirect("complaint_track", code=complaint.tracking_code)
        form.add_error(
            "code",
            gettext_lazy(
                "No complaint has that code. Check the code on your note (letters and digits, "
                "like ABCD-EFGH)."
            ),
        )
        status = 404
    return TemplateResponse(
        request, "tenders/complaints/lookup.html", {"form": form}, status=status
    )


@rate_limited("complaint_track")
def complaint_track(request, code: str):
    """Where the complaint stands, its timeline and answer; once answered, rate the answer."""
    if code != normalise_tracking_code(code):
        return redirect("complaint_track", code=normalise_tracking_code(code))
    complaint = complaint_by_code(code)
    if complaint is None:
        raise Http404
    form = RateForm()
    status = 200
    if request.method == "POST":
        form = RateForm(request.POST)
        if form.is_valid():
            try:
                complaint_rate(complaint=complaint, rating=form.cleaned_data["rating"])
            except ServiceError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                return redirect("complaint_track", code=complaint.tracking_code)
        else:
            status = 400
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "tenders/complaints/track.html",
        {
            "complaint": complaint,
            "site": complaint.site,
            "state": complaint.state(today),
            "timeline": complaint_timeline(complaint, today, public=True),
            "form": form,
        },
        status=status,
    )


urlpatterns = [
    path("feedback/<str:code>/complaint/", complaint_new, name="site_complaint"),
    path("complaints/", complaint_lookup, name="complaint_lookup"),
    path("complaints/<str:code>/", complaint_track, name="complaint_track"),
]
