"""The editor's form of tender pages (kept apart from ``tenders.forms``, which needs the models)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from incubator.models import Organisation
from tenders.rules import criteria_problems


class TenderPageForm(WagtailAdminPageForm):
    """The tender editor: stages as checkboxes, and the criteria checked as a whole before
    the page can be saved or published."""

    eligible_stages = forms.MultipleChoiceField(
        label=_("stages that may bid"),
        choices=[
            (Organisation.Stage.INCUBATING, Organisation.Stage.INCUBATING.label),
            (Organisation.Stage.GRADUATED, Organisation.Stage.GRADUATED.label),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to allow incubating and graduated organisations."),
    )

    def _post_clean(self):
        self.instance._criteria_checked_by_form = True
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("criteria")
        if formset is not None and formset.is_valid():
            rows = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            for problem in criteria_problems(rows):
                self.add_error(None, problem)
        return cleaned
