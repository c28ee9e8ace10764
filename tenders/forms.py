"""Forms of the tender pages and the portal. Rules live in the models and services; these
forms present them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from incubator.kernel.files import PrivateUploadsFormField
from tenders.choices import ServiceCategory, TenderStatus


def blank_first(choices) -> list:
    """``choices`` after an empty choice: a select in a formset's spare row then submits
    nothing, so the browser's first option does not make an untouched row "changed" (and
    required) and a filled row must choose."""
    return [("", "---------"), *choices]


class TenderFilterForm(forms.Form):
    """The filters and search box of the tender index."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *TenderStatus.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Service category"),
        choices=[("", _("Any category")), *ServiceCategory.choices],
        required=False,
    )
    q = forms.CharField(label=_("Search tenders"), max_length=100, required=False)

    def filter(self, tenders):
        data = self.cleaned_data
        if data.get("status"):
            tenders = tenders.with_status(data["status"])
        if data.get("category"):
            tenders = tenders.filter(category=data["category"])
        if data.get("q"):
            q = data["q"].strip()
            tenders = tenders.filter(
                Q(title__icontains=q)
                | Q(reference__icontains=q)
                | Q(summary__icontains=q)
                | Q(commissioning_body__icontains=q)
            )
        return tenders


class BidForm(forms.Form):
    """The bid an organisation drafts and submits."""

    method_statement = forms.CharField(
        label=_("Method statement"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("How you will deliver the service."),
    )
    staffing_plan = forms.CharField(
        label=_("Staffing plan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Who will deliver it, with qualifications."),
    )
    price = forms.DecimalField(
        label=_("Price (RMB)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    declaration = forms.BooleanField(
        label=_(
            "We declare that this bid is true and complete, and that we have not colluded "
            "with any other bidder."
        ),
        required=False,
    )
    attachments = PrivateUploadsFormField(label=_("Attachments"))


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The answer is published on this page for every bidder, without your name."),
    )

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise ValidationError(_("Write your question."))
        return question
