"""Forms of the organisation portal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.models import Invitation, OrganisationDocument


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
