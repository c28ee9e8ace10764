"""The forms of the bureau's acceptance screens: the acceptance with its findings (one
formset row per standard) and the sign-off's conclusion."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy

from tenders.forms import blank_first
from tenders.models import AcceptanceConclusion, AcceptanceKind, StandardResult

FREE_ROWS = 2


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}), help_text=help_text
    )


class FindingForm(forms.Form):
    """One standard with its result and finding; a KPI's row names its KPI (hidden)."""

    kpi = forms.IntegerField(required=False, widget=forms.HiddenInput)
    standard = forms.CharField(label=gettext_lazy("Standard"), max_length=200)
    result = forms.ChoiceField(
        label=gettext_lazy("Result"), choices=blank_first(StandardResult.choices)
    )
    finding = forms.CharField(
        label=gettext_lazy("Finding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "What was checked and found; printed in the letter and published: name no resident."
        ),
    )


FindingFormSet = formset_factory(FindingForm, extra=FREE_ROWS)


class AcceptanceForm(forms.Form):
    """The acceptance and its findings (a formset) in one form, for ``ActionView``."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=AcceptanceKind.choices, widget=forms.RadioSelect
    )
    held_on = _date_field(gettext_lazy("Held on"), gettext_lazy("Not in the future."))
    period_starts_on = _date_field(gettext_lazy("Service accepted from"))
    period_ends_on = _date_field(
        gettext_lazy("Service accepted to"), gettext_lazy("Within the contract period.")
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("How the acceptance was done: visits, records checked, people met."),
    )
    participants_named = forms.CharField(
        label=gettext_lazy("Service users named"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One per line: the residents who took part and agreed to be named. Their names are "
            "printed in the letter, never on the public page."
        ),
    )
    participants_unnamed = forms.IntegerField(
        label=gettext_lazy("Service users not named"),
        min_value=0,
        initial=0,
        help_text=gettext_lazy("How many more residents took part but asked not to be named."),
    )
    conclusion = forms.ChoiceField(
        label=gettext_lazy("Conclusion"),
        required=False,
        choices=blank_first(AcceptanceConclusion.choices),
        help_text=gettext_lazy("May wait until the acceptance is signed off."),
    )

    def __init__(self, data=None, *, findings=(), **kwargs):
        super().__init__(data, **kwargs)
        self.findings = FindingFormSet(data, initial=list(findings), prefix="finding")

    def is_valid(self):
        valid = super().is_valid()
        findings_valid = self.findings.is_valid()
        if valid and findings_valid:
            self.cleaned_data["items"] = [
                form.cleaned_data for form in self.findings.forms if form.cleaned_data
            ]
        return valid and findings_valid


class SignOffForm(forms.Form):
    conclusion = forms.ChoiceField(
        label=gettext_lazy("Conclusion"),
        choices=AcceptanceConclusion.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Printed in the letter and published with the acceptance."),
    )
