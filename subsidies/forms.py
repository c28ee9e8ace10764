"""Forms of subsidies: the portal's application form (staff lines as a formset, attachments) and
the back office's scheme form and decision forms. They only present: the rules are checked by
the services, whose refusals the views show beside the fields they concern."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm

from incubator.kernel.files import PrivateUploadsFormField
from incubator.models import Organisation
from subsidies.models import Qualification, Scheme, SubsidyAttachment

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffLineForm(forms.Form):
    """One staff member. Blank rows of the formset are ignored."""

    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
    title = forms.CharField(label=_("Role or title"), max_length=80)
    qualification = forms.ChoiceField(
        label=_("Qualification"), choices=Qualification.choices, initial=Qualification.NONE
    )
    employment_started_on = forms.DateField(label=_("Employed since"), widget=DATE_INPUT)
    monthly_salary = forms.DecimalField(
        label=_("Monthly salary (RMB)"), max_digits=10, decimal_places=2
    )
    months = forms.IntegerField(
        label=_("Months"),
        help_text=_(
            "Only months inside both the scheme's covered period and your organisation's "
            "incubation count."
        ),
    )

    def has_changed(self):
        # The qualification's default alone does not make a row.
        return any(
            self[name].data not in (None, "")
            for name in ("name", "title", "employment_started_on", "monthly_salary", "months")
        )


class BaseStaffLineFormSet(forms.BaseFormSet):
    """The staff lines as rows of one table: each row may be left blank or ticked "Remove"
    (the saved ones included), and "Add a person" asks for one more row."""

    def _construct_form(self, i, **kwargs):
        # Any row may be left blank, the saved ones included (blanking a row removes it).
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = True
        form.use_required_attribute = False
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def lines(self) -> tuple[list[dict], list[int]]:
        """The cleaned lines typed and not removed, and the index of the form each came from."""
        lines, indexes = [], []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if form.has_changed() and form.is_valid():
                lines.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
                indexes.append(index)
        return lines, indexes


def staff_line_formset(scheme: Scheme, *, blank_rows: int = 1):
    """A formset showing the saved lines and ``blank_rows`` blank rows when unbound, never more
    rows than the scheme's maximum number of staff. ``absolute_max`` keeps a forged form count
    from building (and rendering) a thousand empty rows."""
    return forms.formset_factory(
        StaffLineForm,
        formset=BaseStaffLineFormSet,
        extra=max(0, blank_rows),
        max_num=scheme.max_lines,
        absolute_max=scheme.max_lines,
        validate_max=True,
        can_delete=True,
    )


def with_one_more_row(data, *, prefix: str, limit: int):
    """The posted ``data`` of a formset asking for one more (blank) row, up to ``limit``:
    "Add a person" without JavaScript re-renders the form with everything typed kept."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(max(0, min(total + 1, limit)))
    return data


class AttachmentsForm(forms.Form):
    """Supporting files by kind, and the files of the draft to remove."""

    payroll = PrivateUploadsFormField(
        label=_("Payroll"), help_text=_("Required before submitting.")
    )
    social_insurance = PrivateUploadsFormField(label=_("Social insurance records"))
    other = PrivateUploadsFormField(label=_("Other files"))
    remove = forms.ModelMultipleChoiceField(
        label=_("Remove these files"),
        queryset=SubsidyAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if existing is not None:
            self.fields["remove"].queryset = existing
        else:
            del self.fields["remove"]

    def uploads(self) -> list[tuple[str, object]]:
        return [
            (kind, file)
            for kind in ("payroll", "social_insurance", "other")
            for file in self.cleaned_data.get(kind) or []
        ]


class SchemeForm(WagtailAdminModelForm):
    """A scheme as bureau officers keep it. Once the first approval locked its rules, the rule
    fields are shown but refused if changed."""

    eligible_stages = forms.MultipleChoiceField(
        label=_("Eligible stages"),
        choices=Organisation.Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations at these stages may apply."),
    )

    class Meta:
        model = Scheme
        fields = [
            "name",
            "year",
            "envelope",
            "opens_at",
            "closes_at",
            "period_starts_on",
            "period_months",
            "share",
            "monthly_cap",
            "cap_assistant_social_worker",
            "cap_social_worker",
            "cap_senior_social_worker",
            "max_months",
            "max_lines",
            "eligible_stages",
            "hubs",
        ]

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if (
            instance.pk
            and Scheme.objects.filter(pk=instance.pk, rules_locked_at__isnull=False).exists()
        ):
            # The model's clean refuses the other rule fields; the hubs are many-to-many.
            before = set(instance.hubs.values_list("pk", flat=True))
            if "hubs" in cleaned and before != {hub.pk for hub in cleaned["hubs"]}:
                self.add_error("hubs", instance.rules_locked_error(["hubs"]))
        return cleaned


class RecommendForm(forms.Form):
    proposed_amount = forms.DecimalField(
        label=_("Amount recommended (RMB)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Leave empty to recommend the eligible amount."),
    )
    note = forms.CharField(
        label=_("Note to the bureau"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(forms.Form):
    approved_amount = forms.DecimalField(
        label=_("Amount approved (RMB)"), max_digits=12, decimal_places=2
    )
    conditions = forms.CharField(
        label=_("Conditions of the award"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed in the award letter."),
    )


class DisburseForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount paid (RMB)"), max_digits=12, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_INPUT)
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=80)
    condition_milestone = forms.ModelChoiceField(
        label=_("Condition milestone"),
        queryset=None,
        required=False,
        help_text=_("The milestone that must be verified before this tranche, if any."),
    )

    def __init__(self, *args, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition_milestone"].queryset = milestones
