"""The services directory's filter: a town and a kind of site, chosen from what the directory
source lists, sent as a plain GET form (no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DirectoryFilterForm(forms.Form):
    """Town and kind of site; either may be left at "all"."""

    town = forms.ChoiceField(label=_("Town or subdistrict"), required=False)
    kind = forms.ChoiceField(label=_("Type of service"), required=False)

    def __init__(self, data=None, *, towns: list[str], kinds: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["town"].choices = [("", _("All towns")), *((t, t) for t in towns)]
        self.fields["kind"].choices = [("", _("All types")), *kinds]
        self.fields["town"].error_messages["invalid_choice"] = _(
            "There is no service in “%(value)s” in the directory. Choose a town from the list."
        )
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose a type of service from the list."
        )

    def chosen(self) -> dict[str, str | None]:
        """The valid choices, as the source's keyword arguments (None for "all"); a field
        with a choice not on the list filters nothing (its error is shown)."""
        if not self.is_bound:
            return {"town": None, "kind": None}
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid, even when another is not
        return {"town": data.get("town") or None, "kind": data.get("kind") or None}
