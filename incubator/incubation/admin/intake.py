"""Intake in the back office: an application's page, admit and decline."""

from django import forms
from django.contrib import messages
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView

from incubator.incubation.selectors import intake_applications_user_may_decide
from incubator.incubation.services.intake import intake_admit, intake_decline
from incubator.kernel.actions import ActionView, header_action_buttons
from incubator.kernel.forms import ReasonForm
from incubator.models import IntakeApplication, Organisation


class AdmitForm(forms.Form):
    started_on = forms.DateField(
        label=gettext_lazy("Incubation starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    months = forms.IntegerField(
        label=gettext_lazy("Length in months"), min_value=12, max_value=24, initial=18
    )


def _not_admissible_yet(application) -> str:
    """Why a waiting application cannot be admitted yet because of its email, or ''."""
    if application.email_confirmed:
        return ""
    return _(
        "%(email)s has not been confirmed yet: the application can be declined, but not "
        "admitted until the applicant opens the link we emailed them."
    ) % {"email": application.contact_email}


def admission_blockers(application) -> list[str]:
    """What stops admitting a waiting application now (the service refuses it too): an
    unconfirmed email, an organisation already holding the credit code."""
    blockers = [reason] if (reason := _not_admissible_yet(application)) else []
    code = application.credit_code
    taken = code and Organisation.objects.filter(credit_code=code).first()
    if taken:
        blockers.append(
            _(
                "The organisation %(name)s already holds the credit code %(code)s: admitting "
                "would register it twice. Decline this application, or ask the applicant."
            )
            % {"name": taken.name, "code": code}
        )
    return blockers


def admission_cautions(application) -> list[str]:
    """What to look at before admitting: another application waiting with the same code."""
    code = application.credit_code
    if not code:
        return []
    others = IntakeApplication.objects.filter(
        credit_code=code, status=IntakeApplication.Status.SUBMITTED
    ).exclude(pk=application.pk)
    return [
        _(
            "Another application with the credit code %(code)s is waiting for review: "
            "%(name)s (%(hub)s). Only one of them can be admitted."
        )
        % {"code": code, "name": other.name, "hub": other.hub.name}
        for other in others.select_related("hub")
    ]


class IntakeInspectView(InspectView):
    """An application, with Admit and Decline beside its title while it waits for review (for
    those who decide it), and what stops admitting it, or deserves a look, as warnings."""

    def get(self, request, *args, **kwargs):
        if self._waiting():
            for reason in admission_blockers(self.object) + admission_cautions(self.object):
                messages.warning(request, reason)
        return super().get(request, *args, **kwargs)

    def _waiting(self) -> bool:
        application = self.object
        return application.status == application.Status.SUBMITTED and (
            intake_applications_user_may_decide(self.request.user)
            .filter(pk=application.pk)
            .exists()
        )

    @cached_property
    def header_buttons(self):
        if not self._waiting():
            return []
        pk = self.object.pk
        return header_action_buttons(
            [
                (_("Admit"), reverse("intake:admit", args=[pk]), "check"),
                (_("Decline"), reverse("intake:decline", args=[pk]), "cross"),
            ]
        )

    @cached_property
    def header_more_buttons(self):
        return [b for b in super().header_more_buttons if b.url != self.get_edit_url()]


class _Decision(ActionView):
    """A decision on an application of one of the user's hubs; the applicant is told by email."""

    selector = staticmethod(intake_applications_user_may_decide)
    select_related = ("hub",)

    def back_url(self, application):
        return reverse("intake:inspect", args=[application.pk])

    def subtitle(self, application):
        return application.name

    def intro(self, application):
        return _("Application to %(hub)s by %(contact)s.") % {
            "hub": application.hub.name,
            "contact": application.contact_name,
        }


class Admit(_Decision):
    """Admit an application of one of the user's hubs. What stops it (an unconfirmed email, a
    credit code an organisation holds) shows above the form before anything is typed, the
    button off; the service refuses it too."""

    form_class = AdmitForm
    heading = gettext_lazy("Admit to the incubator")

    def blockers(self, application):
        if application.status != application.Status.SUBMITTED:
            return []
        return admission_blockers(application)

    def cautions(self, application):
        if application.status != application.Status.SUBMITTED:
            return []
        return admission_cautions(application)

    def act(self, application, data):
        intake_admit(
            application=application,
            started_on=data["started_on"],
            months=data["months"],
            by=self.request.user,
        )
        return _("The applicant has been told by email.")


class Decline(_Decision):
    """Decline an application of one of the user's hubs, with a reason."""

    form_class = ReasonForm
    heading = gettext_lazy("Decline the application")

    def get_form_kwargs(self, application):
        return {"help_text": gettext_lazy("The applicant receives this by email.")}

    def act(self, application, data):
        intake_decline(application=application, reason=data["reason"], by=self.request.user)
        return _("The applicant has been told by email.")
