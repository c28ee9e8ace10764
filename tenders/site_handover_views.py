"""The back-office form that records the handover of the city's premises to a site's
operator: who handed over and who received them, on which day, and the inventory (a row per
item, with its quantity and condition). Only for sites in the city's premises; officers who
may manage the site, others 404."""

from django import forms
from django.forms import formset_factory
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.kernel.actions import ActionView
from tenders.feedback_selectors import sites_user_may_manage
from tenders.forms import blank_first
from tenders.models import ItemCondition, Premises, SiteHandover
from tenders.models.sites import HANDOVER_NEEDS_CITY_PREMISES
from tenders.services.sites import site_handover_record

EXTRA_ROWS = 3
NO_ITEMS = gettext_lazy("List at least one item handed over.")


class HandoverItemForm(forms.Form):
    """One row of the inventory."""

    name = forms.CharField(label=pgettext_lazy("inventory", "Item"), max_length=120)
    quantity = forms.IntegerField(label=gettext_lazy("Quantity"), min_value=1)
    condition = forms.ChoiceField(
        label=gettext_lazy("Condition"), choices=blank_first(ItemCondition.choices)
    )
    notes = forms.CharField(label=gettext_lazy("Notes"), max_length=200, required=False)


class _ItemFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data and not self._should_delete_form(form) for form in self.forms):
            raise forms.ValidationError(NO_ITEMS, code="no_items")


ItemFormSet = formset_factory(
    HandoverItemForm, formset=_ItemFormSet, extra=EXTRA_ROWS, can_delete=True
)


class HandoverForm(forms.Form):
    """The handover and its inventory (a formset) in one form, for ``ActionView``."""

    handed_over_on = forms.DateField(
        label=gettext_lazy("Handed over on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    handed_over_by = forms.CharField(
        label=gettext_lazy("Handed over by"),
        max_length=60,
        help_text=gettext_lazy("The bureau's person, family name first."),
    )
    received_by = forms.CharField(
        label=gettext_lazy("Received by"),
        max_length=60,
        help_text=gettext_lazy("The operator's person, family name first."),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, items=(), **kwargs):
        super().__init__(data, **kwargs)
        self.items = ItemFormSet(data, initial=list(items), prefix="item")

    def is_valid(self):
        valid = super().is_valid()
        items_valid = self.items.is_valid()
        if valid and items_valid:
            self.cleaned_data["items"] = [
                form.cleaned_data
                for form in self.items.forms
                if form.cleaned_data and not self.items._should_delete_form(form)
            ]
        return valid and items_valid


class RecordHandover(ActionView):
    """Record or correct the handover of the city's premises and its inventory."""

    selector = staticmethod(sites_user_may_manage)
    form_class = HandoverForm
    heading = gettext_lazy("Record the premises handover")
    icon = "clipboard-list"
    template_name = "tenders/admin/handover_form.html"

    def get_form_kwargs(self, site):
        handover = SiteHandover.objects.filter(site=site).first()
        if handover is None:
            return {}
        return {
            "initial": {
                "handed_over_on": handover.handed_over_on,
                "handed_over_by": handover.handed_over_by,
                "received_by": handover.received_by,
                "notes": handover.notes,
            },
            "items": handover.items.values("name", "quantity", "condition", "notes"),
        }

    def intro(self, site):
        return _(
            "The city's premises handed over to the operator under the contract, and what was "
            "handed over with them. Saving replaces the inventory recorded before; the change "
            "is kept in the site's history. Tick “Delete” to drop a row."
        )

    def blockers(self, site):
        if site.premises != Premises.CITY:
            return [HANDOVER_NEEDS_CITY_PREMISES]
        return []

    def back_url(self, site):
        return reverse("service_sites:inspect", args=[site.pk])

    def act(self, site, data):
        site_handover_record(
            site=site,
            handed_over_on=data["handed_over_on"],
            handed_over_by=data["handed_over_by"],
            received_by=data["received_by"],
            notes=data["notes"],
            items=data["items"],
            by=self.request.user,
        )
        return _("The handover of %(site)s is recorded: %(count)s items.") % {
            "site": site,
            "count": len(data["items"]),
        }
