"""The waitlist in the back office: a request's page, add an organisation, serve a request
with seats, cancel it."""

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.incubation.selectors import (
    organisations_user_may_give_space,
    spaces_user_may_manage,
    waitlist_user_may_manage,
)
from incubator.incubation.services.waitlist import waitlist_add, waitlist_cancel, waitlist_serve
from incubator.kernel.actions import ActionView
from incubator.models import Space, WaitlistEntry

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class WaitlistForm(forms.Form):
    seats_wanted = forms.IntegerField(label=gettext_lazy("Seats wanted"), min_value=1)
    wanted_from = forms.DateField(label=gettext_lazy("Wanted from"), widget=DATE_INPUT)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of space"),
        choices=[("", gettext_lazy("Any"))] + list(Space.Kind.choices),
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class WaitlistAdd(ActionView):
    """Put an organisation on its hub's waitlist (its hub's managers, bureau officers)."""

    selector = staticmethod(organisations_user_may_give_space)
    form_class = WaitlistForm
    heading = gettext_lazy("Add to waitlist")
    icon = "time"

    def get_form_kwargs(self, organisation):
        return {"initial": {"wanted_from": timezone.localdate()}}

    def back_url(self, organisation):
        return reverse("organisations:inspect", args=[organisation.pk])

    def subtitle(self, organisation):
        return organisation.name

    def intro(self, organisation):
        return _("Requests are served in the order they were made.")

    def act(self, organisation, data):
        waitlist_add(organisation=organisation, by=self.request.user, **data)
        return _("%(organisation)s is on the waitlist.") % {"organisation": organisation.name}


class ServeForm(forms.Form):
    space = forms.ModelChoiceField(label=gettext_lazy("Space"), queryset=None)
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1)
    starts_on = forms.DateField(label=pgettext_lazy("date", "From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=gettext_lazy("Until"), widget=DATE_INPUT)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class _WaitingEntryAction(ActionView):
    """An action on a request still waiting, of a hub whose waitlist the user manages."""

    selector = staticmethod(waitlist_user_may_manage)
    select_related = ("organisation", "hub")

    def get_object(self):
        entry = super().get_object()
        if entry.status != WaitlistEntry.Status.WAITING:
            raise Http404("The entry is no longer waiting.")
        return entry

    def back_url(self, entry):
        return reverse("waitlist:inspect", args=[entry.pk])

    def success_url(self, entry):
        return reverse("waitlist:index")

    def subtitle(self, entry):
        return entry.organisation.name


class ServeRequest(_WaitingEntryAction):
    """Serve a waiting request with seats of a space of its hub."""

    form_class = ServeForm
    heading = gettext_lazy("Serve the request")
    icon = "check"

    def get_form_kwargs(self, entry):
        spaces = spaces_user_may_manage(self.request.user)
        return {
            "spaces": spaces.filter(hub=entry.hub_id, is_active=True),
            "initial": {"seats": entry.seats_wanted, "starts_on": entry.wanted_from},
        }

    def intro(self, entry):
        return _(
            "%(organisation)s asked on %(requested_at)s for %(seats)s seats from %(start)s."
        ) % {
            "organisation": entry.organisation.name,
            "requested_at": date_format(timezone.localtime(entry.requested_at)),
            "seats": entry.seats_wanted,
            "start": date_format(entry.wanted_from),
        }

    def act(self, entry, data):
        waitlist_serve(entry=entry, by=self.request.user, **data)
        return _("The request is served.")


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)


class CancelRequest(_WaitingEntryAction):
    """Take a waiting request off the waitlist."""

    form_class = CancelForm
    heading = gettext_lazy("Cancel the request")
    icon = "cross"

    def act(self, entry, data):
        waitlist_cancel(entry=entry, by=self.request.user, reason=data["reason"])
        return _("The request is cancelled.")
