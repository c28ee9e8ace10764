"""The waitlist in the back office: a request's page, add an organisation, serve a request
with seats, cancel it."""

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import (
    get_visible_or_404,
    organisations_user_may_manage,
    spaces_user_may_manage,
    waitlist_user_may_manage,
)
from incubator.incubation.services.waitlist import waitlist_add, waitlist_cancel, waitlist_serve
from incubator.kernel.actions import action_form
from incubator.models import Space, WaitlistEntry

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class WaitlistInspectView(InspectView):
    """A waitlist request, with Serve and Cancel while it waits."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        entry = self.object
        if (
            entry.status == WaitlistEntry.Status.WAITING
            and waitlist_user_may_manage(self.request.user).filter(pk=entry.pk).exists()
        ):
            for label, name, icon in [
                (_("Serve"), "waitlist:serve", "check"),
                (_("Cancel request"), "waitlist:cancel", "cross"),
            ]:
                buttons.append(Button(label, url=reverse(name, args=[entry.pk]), icon_name=icon))
        return buttons


class WaitlistForm(forms.Form):
    seats_wanted = forms.IntegerField(label=gettext_lazy("Seats wanted"), min_value=1)
    wanted_from = forms.DateField(label=gettext_lazy("Wanted from"), widget=DATE_INPUT)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of space"),
        choices=[("", gettext_lazy("Any"))] + list(Space.Kind.choices),
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


def waitlist_add_view(request, pk: int):
    """Put an organisation on its hub's waitlist (its hub's managers, bureau officers)."""
    organisation = get_visible_or_404(request, organisations_user_may_manage(request.user), pk=pk)
    back = reverse("organisations:inspect", args=[organisation.pk])

    def act(data):
        waitlist_add(organisation=organisation, by=request.user, **data)
        return _("%(organisation)s is on the waitlist.") % {"organisation": organisation.name}, back

    return action_form(
        request,
        form=WaitlistForm(request.POST or None, initial={"wanted_from": timezone.localdate()}),
        act=act,
        back=back,
        heading=_("Add to waitlist"),
        subtitle=organisation.name,
        intro=_("Requests are served in the order they were made."),
        icon="time",
    )


class ServeForm(forms.Form):
    space = forms.ModelChoiceField(label=gettext_lazy("Space"), queryset=None)
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1)
    starts_on = forms.DateField(label=pgettext_lazy("date", "From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=gettext_lazy("Until"), widget=DATE_INPUT)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


def _waiting_entry(request, pk: int) -> WaitlistEntry:
    entry = get_visible_or_404(
        request, waitlist_user_may_manage(request.user).select_related("organisation", "hub"), pk=pk
    )
    if entry.status != WaitlistEntry.Status.WAITING:
        raise Http404("The entry is no longer waiting.")
    return entry


def waitlist_serve_view(request, pk: int):
    """Serve a waiting request with seats of a space of its hub."""
    entry = _waiting_entry(request, pk)
    spaces = spaces_user_may_manage(request.user).filter(hub=entry.hub_id, is_active=True)
    back = reverse("waitlist:inspect", args=[entry.pk])

    def act(data):
        waitlist_serve(entry=entry, by=request.user, **data)
        return _("The request is served."), reverse("waitlist:index")

    initial = {"seats": entry.seats_wanted, "starts_on": entry.wanted_from}
    return action_form(
        request,
        form=ServeForm(request.POST or None, spaces=spaces, initial=initial),
        act=act,
        back=back,
        heading=_("Serve the request"),
        subtitle=entry.organisation.name,
        intro=_("%(organisation)s asked on %(requested_at)s for %(seats)s seats from %(start)s.")
        % {
            "organisation": entry.organisation.name,
            "requested_at": date_format(timezone.localtime(entry.requested_at)),
            "seats": entry.seats_wanted,
            "start": date_format(entry.wanted_from),
        },
        icon="check",
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)


def waitlist_cancel_view(request, pk: int):
    """Take a waiting request off the waitlist."""
    entry = _waiting_entry(request, pk)

    def act(data):
        waitlist_cancel(entry=entry, by=request.user, reason=data["reason"])
        return _("The request is cancelled."), reverse("waitlist:index")

    return action_form(
        request,
        form=CancelForm(request.POST or None),
        act=act,
        back=reverse("waitlist:inspect", args=[entry.pk]),
        heading=_("Cancel the request"),
        subtitle=entry.organisation.name,
        icon="cross",
    )
