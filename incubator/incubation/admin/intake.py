"""Intake in the back office: an application's page, admit and decline."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import intake_applications_user_may_decide
from incubator.incubation.services.intake import intake_admit, intake_decline
from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm


class AdmitForm(forms.Form):
    started_on = forms.DateField(
        label=gettext_lazy("Incubation starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    months = forms.IntegerField(
        label=gettext_lazy("Length in months"), min_value=12, max_value=24, initial=18
    )


def _not_admissible_yet(application) -> str:
    """Why a waiting application cannot be admitted yet, or ''."""
    if application.email_confirmed:
        return ""
    return _(
        "%(email)s has not been confirmed yet: the application can be declined, but not "
        "admitted until the applicant opens the link we emailed them."
    ) % {"email": application.contact_email}


class IntakeInspectView(InspectView):
    """An application, with Admit (once the email is confirmed; until then the reason shows)
    and Decline while it waits for review."""

    def get(self, request, *args, **kwargs):
        if self.object.status == self.object.Status.SUBMITTED:
            reason = _not_admissible_yet(self.object)
            if reason:
                messages.warning(request, reason)
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if b.url != self.get_edit_url()]
        if self.object.status == self.object.Status.SUBMITTED:
            actions = [(_("Decline"), "intake:decline", "cross")]
            if self.object.email_confirmed:
                actions.insert(0, (_("Admit"), "intake:admit", "check"))
            for label, name, icon in actions:
                buttons.append(
                    Button(label, url=reverse(name, args=[self.object.pk]), icon_name=icon)
                )
        return buttons


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
    """Admit an application of one of the user's hubs; one whose email is not confirmed yet
    goes back to its page, which says why (the service refuses it too)."""

    form_class = AdmitForm
    heading = gettext_lazy("Admit to the incubator")

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET":
            application = self.get_object()
            waiting = application.status == application.Status.SUBMITTED
            if waiting and _not_admissible_yet(application):
                return redirect("intake:inspect", application.pk)
        return super().dispatch(request, *args, **kwargs)

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
