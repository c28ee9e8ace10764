"""Forms of the organisation portal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.milestones import EVIDENCE_REQUIRED
from incubator.incubation.services.organisations import PROFILE_FIELDS
from incubator.kernel.files import PrivateUploadsFormField
from incubator.models import Invitation, Organisation, OrganisationDocument, ServiceArea


class InvitationForm(forms.ModelForm):
    """Invite a colleague by email, as a member or as another administrator."""

    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("Colleague's email"), "role": _("Role")}


class DocumentForm(forms.ModelForm):
    """Upload a private document: PDF, Word, Excel, JPG or PNG, within the size limit."""

    class Meta:
        model = OrganisationDocument
        fields = ["title", "kind", "file"]


class ProfileForm(forms.ModelForm):
    """The organisation's profile as its administrator keeps it; the stage and the hub are
    decided by the hub."""

    class Meta:
        model = Organisation
        fields = [*PROFILE_FIELDS, "service_areas"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "service_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_areas"].queryset = ServiceArea.objects.all()


class EvidenceForm(forms.Form):
    """Evidence for a milestone: files, a note, or both."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the files show, or where the hub manager can see the evidence."),
    )
    files = PrivateUploadsFormField(label=_("Files"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("note", "").strip() and not cleaned.get("files"):
            raise forms.ValidationError(EVIDENCE_REQUIRED, code="evidence_required")
        return cleaned
