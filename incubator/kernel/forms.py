"""Forms every app's back office shares."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    """A decision that needs a reason (return, reject, disqualify, end): the one reason form.
    ``help_text`` says who reads it; by default the organisation, by email."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The organisation receives this by email."),
    )

    def __init__(self, *args, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if help_text is not None:
            self.fields["reason"].help_text = help_text


class ConfirmForm(forms.Form):
    """A decision with nothing to fill in."""
