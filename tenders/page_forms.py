"""The editor's form of tender pages (kept apart from ``tenders.forms``, which needs the models)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.pages import CopyForm

from cms.admin_forms import SafeStreamFieldPageForm
from incubator.models import Organisation
from tenders.rules import criteria_problems


class TenderPageForm(SafeStreamFieldPageForm):
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
            self._keep_scored_criteria(formset)
        return cleaned

    def _keep_scored_criteria(self, formset) -> None:
        """A criterion evaluators have scored stays: its scores are the evaluation's record."""
        removed = [
            form.instance.pk
            for form in formset.forms
            if form.cleaned_data.get("DELETE") and form.instance.pk is not None
        ]
        # The formset's own model (the criteria): this module is below the models, not above.
        scored = formset.model.objects.filter(pk__in=removed, scores__isnull=False).values_list(
            "name", flat=True
        )
        for name in sorted(set(scored)):
            self.add_error(
                None,
                _("The criterion “%(name)s” has been scored and cannot be removed.")
                % {"name": name},
            )


class TenderCopyForm(CopyForm):
    """Wagtail's copy form without the alias and publish options: a tender copy is a draft
    (see ``tenders.copying``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)
        self.fields.pop("publish_copies", None)
