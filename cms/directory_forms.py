"""The services directory's filter: a town, a kind of place and a type of service, chosen from
what the directory source lists, sent as a plain GET form (no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DirectoryFilterForm(forms.Form):
    """Town, kind of place and type of service; each may be left at "all"."""

    town = forms.ChoiceField(label=_("Town or subdistrict"), required=False)
    service = forms.ChoiceField(label=_("Type of service"), required=False)
    kind = forms.ChoiceField(label=_("Kind of place"), required=False)

    def __init__(
        self,
        data=None,
        *,
        towns: list[str],
        kinds: list[tuple[str, str]],
        service_types: list[tuple[str, str]],
    ):
        super().__init__(data)
        self.fields["town"].choices = [("", _("All towns")), *((t, t) for t in towns)]
        self.fields["service"].choices = [("", _("All services")), *service_types]
        self.fields["kind"].choices = [("", _("All kinds of place")), *kinds]
        self.fields["town"].error_messages["invalid_choice"] = _(
            "There is no service in “%(value)s” in the directory. Choose a town from the list."
        )
        self.fields["service"].error_messages["invalid_choice"] = _(
            "Choose a type of service from the list."
        )
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose a kind of place from the list."
        )

    def chosen(self) -> dict[str, str | None]:
        """The valid choices, as the source's keyword arguments (None for "all"); a field
        with a choice not on the list filters nothing (its error is shown)."""
        if not self.is_bound:
            return dict.fromkeys(self.fields)
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid, even when another is not
        return {name: data.get(name) or None for name in self.fields}
