"""Back-office screens of office space: the space form of hub managers, a hub's page, and
ending an allocation early (offered on the allocation's page, ``AllocationViewSet``)."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views.generic.models import EditView, InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import allocations_user_may_end, hubs_user_may_add_spaces_to
from incubator.incubation.services.allocations import allocation_end
from incubator.incubation.services.spaces import space_update
from incubator.kernel.actions import ActionView
from incubator.kernel.errors import ServiceError

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class SpaceForm(WagtailAdminModelForm):
    """The space form: the hub is one of those the user may add spaces to, so a forged hub id
    is refused like any invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "hub" in self.fields and self.for_user is not None:
            self.fields["hub"].queryset = hubs_user_may_add_spaces_to(self.for_user)


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


class EndAllocationForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("Last day"),
        widget=DATE_INPUT,
        help_text=gettext_lazy("The seats are free again from the next day."),
    )


class EndAllocation(ActionView):
    """End an allocation early (hub managers of its space's hub, bureau officers)."""

    selector = staticmethod(allocations_user_may_end)
    select_related = ("organisation", "space")
    form_class = EndAllocationForm
    heading = gettext_lazy("End allocation early")
    icon = "date"

    def get_form_kwargs(self, allocation):
        return {"initial": {"on": timezone.localdate()}}

    def back_url(self, allocation):
        return reverse("allocations:inspect", args=[allocation.pk])

    def intro(self, allocation):
        return _(
            "%(seats)s seats of %(space)s for %(organisation)s, from %(start)s to %(end)s."
        ) % {
            "seats": allocation.seats,
            "space": allocation.space.code,
            "organisation": allocation.organisation.name,
            "start": date_format(allocation.starts_on),
            "end": date_format(allocation.ends_on),
        }

    def act(self, allocation, data):
        allocation_end(allocation=allocation, on=data["on"], by=self.request.user)
        return _("The allocation now ends on %(day)s.") % {"day": date_format(data["on"])}
