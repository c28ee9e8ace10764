"""The form on which the provider's staff record a service paid with a care voucher: a service
of one of their sites' voucher price lists (grouped by site, so no script is needed), the day
and time on the China Standard Time clock, the length (the service's usual one if left
empty), the card number, and the PIN or, for a home visit, the photo of the signed receipt."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.kernel.money import format_rmb
from subsidies.models import RedemptionMethod
from subsidies.models.redemptions import DURATION_MAX_MINUTES

SHANGHAI = ZoneInfo("Asia/Shanghai")
PIN_REQUIRED = _("Have the resident (or a family member) enter the card's PIN.")
PHOTO_REQUIRED = _("Attach the photo of the receipt the resident signed.")


def service_label(service) -> str:
    """午餐 · ¥8.00 per meal · 30 min"""
    return _("%(name)s · %(price)s %(unit)s · %(minutes)s min") % {
        "name": service.name,
        "price": format_rmb(service.voucher_price),
        "unit": service.get_unit_display(),
        "minutes": service.duration_minutes,
    }


class RedemptionForm(forms.Form):
    """A service to record against a card; ``price_lists`` are the user's sites, each with
    its ``voucher_services``."""

    service = forms.TypedChoiceField(label=_("Site and service"), coerce=int)
    served_on = forms.DateField(
        label=_("Day of the service"), widget=forms.DateInput(attrs={"type": "date"})
    )
    served_time = forms.TimeField(
        label=_("Time it started"),
        help_text=_("China Standard Time."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        required=False,
        min_value=1,
        max_value=DURATION_MAX_MINUTES,
        help_text=_("Leave empty for the service's usual length, shown in the list above."),
    )
    card_number = forms.CharField(
        label=pgettext_lazy("voucher", "Card number"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_("The 12 digits on the resident's care-voucher card."),
    )
    method = forms.ChoiceField(
        label=_("The resident confirms with"),
        choices=RedemptionMethod.choices,
        initial=RedemptionMethod.CARD_PIN,
        widget=forms.RadioSelect,
    )
    pin = forms.CharField(
        label=pgettext_lazy("voucher", "PIN"),
        required=False,
        max_length=6,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "6"}
        ),
        help_text=_("The resident or a family member types the 6-digit PIN."),
    )
    receipt_photo = forms.FileField(
        label=_("Photo of the signed receipt"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
        help_text=_(
            "Home visits only, instead of the PIN: a JPEG, PNG or PDF. If the form comes back "
            "with a message, attach it again."
        ),
    )

    def __init__(self, *args, price_lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {
            service.pk: service for site in price_lists for service in site.voucher_services
        }
        self.fields["service"].choices = [("", _("Choose the service"))] + [
            (site.name, [(service.pk, service_label(service)) for service in site.voucher_services])
            for site in price_lists
        ]
        if not self.is_bound:
            now = timezone.localtime(timezone.now(), SHANGHAI)
            self.initial.setdefault("served_on", now.date())
            self.initial.setdefault("served_time", now.time().replace(second=0, microsecond=0))

    def clean(self):
        data = super().clean()
        if data.get("method") == RedemptionMethod.CARD_PIN and not data.get("pin"):
            self.add_error("pin", PIN_REQUIRED)
        if data.get("method") == RedemptionMethod.SIGNED_RECEIPT and not data.get("receipt_photo"):
            self.add_error("receipt_photo", PHOTO_REQUIRED)
        return data

    @property
    def chosen_service(self):
        return self.services[self.cleaned_data["service"]]

    @property
    def served_at(self) -> datetime:
        """The day and time typed, on the Shanghai clock."""
        return datetime.combine(
            self.cleaned_data["served_on"], self.cleaned_data["served_time"], tzinfo=SHANGHAI
        )

    def service_arguments(self) -> dict:
        """What ``redemption_record`` needs beyond ``by``."""
        data = self.cleaned_data
        service = self.chosen_service
        by_pin = data["method"] == RedemptionMethod.CARD_PIN
        return {
            "site": service.site,
            "service": service,
            "resident_card": data["card_number"],
            "pin": data["pin"] if by_pin else None,
            "receipt_photo": None if by_pin else data["receipt_photo"],
            "served_at": self.served_at,
            "duration_minutes": data["duration_minutes"] or service.duration_minutes,
        }
