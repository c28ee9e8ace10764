"""The public 'apply to join the incubator' form and the email confirmation. A sent
application leads, by a redirect, to a page saying so: reloading it sends nothing again."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from incubator.incubation.intake_answers import (
    as_form_data,
    as_initial,
    forget_answers,
    keep_answers,
    kept_answers,
    summary_rows,
)
from incubator.incubation.services.intake import (
    intake_confirm_email,
    intake_resend_confirmation,
    intake_submit,
)
from incubator.kernel.errors import ServiceError
from incubator.kernel.idempotency import (
    TOKEN_FIELD,
    AlreadySubmitted,
    already_submitted_response,
    earlier_submission,
    submission_token,
    submit_once,
)
from incubator.kernel.ratelimit import rate_limited
from incubator.kernel.validators import normalise_uscc
from incubator.models import Hub, IntakeApplication

SUBMITTED_KEY = "intake_submitted"


class IntakeForm(forms.ModelForm):
    """The application, with the password of the contact's new account."""

    password1 = forms.CharField(
        label=_("Password for your account"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = IntakeApplication
        fields = [
            "hub",
            "name",
            "name_en",
            "credit_code",
            "legal_form",
            "registration_status",
            "service_areas",
            "founded_on",
            "mission",
            "incubation_plan",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "service_areas": forms.CheckboxSelectMultiple,
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "mission": forms.Textarea(attrs={"rows": 4}),
            "incubation_plan": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, password_kept: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Hub.objects.active()
        self.fields["hub"].label = _("Which hub would you like to join?")
        if password_kept:  # chosen before "Change": blank keeps it
            for name in ("password1", "password2"):
                self.fields[name].required = False
            self.fields["password1"].help_text = _(
                "You have chosen a password. Leave both fields blank to keep it, or type a new "
                "one twice."
            )

    def clean_credit_code(self):
        return normalise_uscc(self.cleaned_data.get("credit_code", ""))

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if not self.fields["password2"].required and bool(password1) != bool(password2):
            self.add_error("password2", _("Type the new password twice."))
        elif password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            try:
                password_validation.validate_password(password1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


@sensitive_post_parameters("password1", "password2")
@rate_limited("intake")
def apply(request):
    """Apply to join the incubator. A valid form leads to the page that shows every answer
    before anything is sent; a refusal keeps everything typed but the passwords, and the
    answers kept from an earlier visit (or "Change") show filled in."""
    kept = kept_answers(request)
    if request.method == "POST":
        form = IntakeForm(request.POST, password_kept=kept is not None)
        if form.is_valid():
            keep_answers(request, form)
            return redirect("intake_check")
    elif kept is not None:
        form = IntakeForm(initial=as_initial(kept, IntakeForm), password_kept=True)
    else:
        form = IntakeForm()
    return TemplateResponse(request, "incubator/intake/apply.html", {"form": form})


def check(request):
    """Check your answers: every answer with a link to change it, then "Submit application",
    which alone records the application. Without answers kept (none yet, or already sent),
    the form or the page after sending."""
    earlier = earlier_submission(request)
    if earlier is not None:
        return already_submitted_response(request, earlier, reverse("intake_submitted"))
    kept = kept_answers(request)
    if kept is None:
        if request.method == "POST" and request.session.get(SUBMITTED_KEY):
            return redirect("intake_submitted")
        return redirect("intake_apply")
    form = IntakeForm(as_form_data(kept), password_kept=True)
    if not form.is_valid():  # e.g. another application took the credit code meanwhile
        return TemplateResponse(request, "incubator/intake/apply.html", {"form": form})
    if request.method == "POST":
        response = _submit(request, form, kept)
        if response is not None:
            return response
    return TemplateResponse(
        request,
        "incubator/intake/check.html",
        {
            "form": form,
            "rows": summary_rows(form),
            "submission_token": submission_token(request),
            "token_field": TOKEN_FIELD,
        },
    )


def _submit(request, form, kept):
    """Record the application once: the redirect after it, or None with the refusal on the
    form (shown on the answers page)."""
    fields = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in {"password1", "password2", "service_areas"}
    }
    try:
        with submit_once(request) as done:
            application = intake_submit(
                fields=fields,
                service_areas=form.cleaned_data["service_areas"],
                password_hash=kept["password_hash"],
                base_url=request.build_absolute_uri("/"),
            )
            done(reverse("intake_submitted"))
    except AlreadySubmitted as error:
        return already_submitted_response(request, error.submission, reverse("intake_submitted"))
    except ServiceError as error:
        form.add_error("contact_email", error.message)
        return TemplateResponse(request, "incubator/intake/apply.html", {"form": form})
    except ValidationError as error:  # e.g. another application took the credit code meanwhile
        form.add_error(None, error)
        return TemplateResponse(request, "incubator/intake/apply.html", {"form": form})
    forget_answers(request)
    request.session[SUBMITTED_KEY] = application.pk
    return redirect("intake_submitted")


def submitted(request):
    """The page after sending an application (in this browser); elsewhere, the form."""
    application = IntakeApplication.objects.filter(pk=request.session.get(SUBMITTED_KEY)).first()
    if application is None:
        return redirect("intake_apply")
    return TemplateResponse(
        request, "incubator/intake/submitted.html", {"application": application}
    )


def confirm(request, token: str):
    """Confirm the applicant's email address from the emailed link."""
    try:
        application = intake_confirm_email(token=token)
    except ServiceError as error:
        return TemplateResponse(
            request, "incubator/intake/confirm_invalid.html", {"reason": error.message}, status=404
        )
    return TemplateResponse(
        request, "incubator/intake/confirmed.html", {"application": application}
    )


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you applied with"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@rate_limited("intake_resend")
def resend_confirmation(request):
    """Ask for a new confirmation link. The answer is the same whether or not an application
    uses the address, so the form cannot be used to find out who applied."""
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        intake_resend_confirmation(email=email, base_url=request.build_absolute_uri("/"))
        return TemplateResponse(request, "incubator/intake/resend_sent.html", {"email": email})
    return TemplateResponse(request, "incubator/intake/resend.html", {"form": form})


urlpatterns = [
    path("incubator/apply/", apply, name="intake_apply"),
    path("incubator/apply/check/", check, name="intake_check"),
    path("incubator/apply/sent/", submitted, name="intake_submitted"),
    path("incubator/apply/new-link/", resend_confirmation, name="intake_resend_confirmation"),
    path("incubator/apply/confirm/<str:token>/", confirm, name="intake_confirm"),
]
