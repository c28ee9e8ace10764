"""Back-office screens of office space: the space form of hub managers, allocations, the
waitlist and the availability of a hub's seats per month."""

from django import forms
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import EditView, InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.availability import hub_availability
from incubator.incubation.selectors import (
    allocations_managed_by,
    hubs_for_spaces_of,
    hubs_visible_to,
    organisations_managed_by,
    spaces_managed_by,
    waitlist_managed_by,
)
from incubator.incubation.services.spaces import allocation_end, space_update
from incubator.incubation.services.waitlist import waitlist_add, waitlist_cancel, waitlist_serve
from incubator.kernel.actions import action_form
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import get_visible_or_404
from incubator.models import Space, WaitlistEntry

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class SpaceForm(WagtailAdminModelForm):
    """The space form: the hub is one of those the user may add spaces to, so a forged hub id
    is refused like any invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "hub" in self.fields and self.for_user is not None:
            self.fields["hub"].queryset = hubs_for_spaces_of(self.for_user)


class SpaceEditView(EditView):
    """Edits go through ``space_update``, which refuses fewer seats than are allocated on a
    coming day and taking a space out of use while it is allocated."""

    def save_instance(self):
        changes = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        return space_update(space=self.object, by=self.request.user, **changes)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            form.add_error(None, error.message)
            self.produced_error_code = error.code
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class HubInspectView(InspectView):
    """A hub's details, with a link to its seats per month."""

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Availability"),
                url=reverse("incubator_availability", args=[self.object.pk]),
                icon_name="date",
                priority=20,
            ),
        ]


class AllocationInspectView(InspectView):
    """An allocation, with 'End early' for those who manage its space."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if allocations_managed_by(self.request.user).filter(pk=self.object.pk).exists():
            buttons.append(
                Button(
                    _("End early"),
                    url=reverse("allocations:end", args=[self.object.pk]),
                    icon_name="date",
                    priority=20,
                )
            )
        return buttons


class WaitlistInspectView(InspectView):
    """A waitlist request, with Serve and Cancel while it waits."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        entry = self.object
        if (
            entry.status == WaitlistEntry.Status.WAITING
            and waitlist_managed_by(self.request.user).filter(pk=entry.pk).exists()
        ):
            for label, name, icon in [
                (_("Serve"), "waitlist:serve", "check"),
                (_("Cancel request"), "waitlist:cancel", "cross"),
            ]:
                buttons.append(Button(label, url=reverse(name, args=[entry.pk]), icon_name=icon))
        return buttons


class EndAllocationForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Last day"),
        widget=DATE_INPUT,
        help_text=gettext_lazy("The seats are free again from the next day."),
    )


def allocation_end_view(request, pk: int):
    """End an allocation early (hub managers of its space's hub, bureau officers)."""
    allocation = get_visible_or_404(
        request, allocations_managed_by(request.user).select_related("organisation", "space"), pk=pk
    )
    back = reverse("allocations:inspect", args=[allocation.pk])

    def act(data):
        allocation_end(allocation=allocation, on=data["on"], by=request.user)
        return _("The allocation now ends on %(day)s.") % {"day": date_format(data["on"])}, back

    return action_form(
        request,
        form=EndAllocationForm(request.POST or None, initial={"on": timezone.localdate()}),
        act=act,
        back=back,
        heading=_("End allocation early"),
        subtitle=str(allocation),
        intro=_("%(seats)s seats of %(space)s for %(organisation)s, from %(start)s to %(end)s.")
        % {
            "seats": allocation.seats,
            "space": allocation.space.code,
            "organisation": allocation.organisation.name,
            "start": date_format(allocation.starts_on),
            "end": date_format(allocation.ends_on),
        },
        icon="date",
    )


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
    organisation = get_visible_or_404(request, organisations_managed_by(request.user), pk=pk)
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
        request, waitlist_managed_by(request.user).select_related("organisation", "hub"), pk=pk
    )
    if entry.status != WaitlistEntry.Status.WAITING:
        raise Http404("The entry is no longer waiting.")
    return entry


def waitlist_serve_view(request, pk: int):
    """Serve a waiting request with seats of a space of its hub."""
    entry = _waiting_entry(request, pk)
    spaces = spaces_managed_by(request.user).filter(hub=entry.hub_id, is_active=True)
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


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def availability_index(request):
    """The hubs whose availability the user may see."""
    hubs = list(hubs_visible_to(request.user).order_by("name"))
    if not hubs:
        raise Http404
    return TemplateResponse(request, "incubator/admin/availability_index.html", {"hubs": hubs})


CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 160, 10


def availability_view(request, pk: int):
    """Free seats per space and month of one hub and year, and the hub's monthly occupancy
    as a bar chart drawn on the server (with the same numbers as a table)."""
    hub = get_visible_or_404(request, hubs_visible_to(request.user), pk=pk)
    year = _year(request)
    availability = hub_availability(hub=hub, year=year)
    bar_width = CHART_WIDTH // 12
    bars = []
    for index, month in enumerate(availability.occupancy):
        height = round(CHART_HEIGHT * (month.percent or 0) / 100)
        bars.append(
            {
                "month": month,
                "x": index * bar_width + BAR_GAP // 2,
                "y": CHART_HEIGHT - height,
                "width": bar_width - BAR_GAP,
                "height": height,
                "label_x": index * bar_width + bar_width // 2,
            }
        )
    return TemplateResponse(
        request,
        "incubator/admin/availability.html",
        {
            "availability": availability,
            "hub": hub,
            "year": year,
            "bars": bars,
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT + 40, "base": CHART_HEIGHT},
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


class AvailabilityMenuItem(MenuItem):
    """Shown to those who may see some hub."""

    def is_shown(self, request):
        return hubs_visible_to(request.user).exists()
