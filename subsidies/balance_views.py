"""The residents' own page of care vouchers (no account, no JavaScript, large type): with the
card number and the PIN, a resident or a family member sees the balance, what lapses when, and
a month's statement, printable on A4. Wrong PINs are counted per card (shared with the point
of service) and each address is rate-limited; an unknown card and a wrong PIN look alike."""

from django import forms
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from incubator.kernel.errors import ServiceError
from incubator.kernel.ratelimit import rate_limited
from subsidies.redemption_selectors import mask_name
from subsidies.services.vouchers import resident_open_by_card
from subsidies.voucher_selectors import credit_expiring, statement, statement_months


class BalanceForm(forms.Form):
    """Card number, PIN and the month of the statement."""

    card_number = forms.CharField(
        label=gettext_lazy("Card number"),
        max_length=20,
        error_messages={"required": gettext_lazy("Type the 12 digits printed on the card.")},
    )
    pin = forms.CharField(
        label=gettext_lazy("PIN"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Type the card's 6-digit PIN.")},
    )
    month = forms.ChoiceField(label=gettext_lazy("Statement for"), required=False)

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = {month.isoformat(): month for month in months}
        self.fields["month"].choices = [
            (key, date_format(month, "YEAR_MONTH_FORMAT")) for key, month in self.months.items()
        ]


@rate_limited("voucher_balance")
def voucher_balance(request):
    """The form, and on a right card and PIN the holder's balance and statement (in the answer
    to the POST only: nothing is remembered, the browser keeps no page of it)."""
    today = timezone.localdate()
    months = statement_months(today)
    form = BalanceForm(request.POST or None, months=months)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            resident = resident_open_by_card(
                card_number=form.cleaned_data["card_number"], pin=form.cleaned_data["pin"]
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            month = form.months.get(form.cleaned_data["month"]) or months[0]
            context.update(
                resident=resident,
                masked_name=mask_name(resident.family_name, resident.given_name),
                month=month,
                entries=statement(resident, month),
                expiring=credit_expiring(resident, today),
                today=today,
            )
    response = TemplateResponse(
        request, "subsidies/balance.html", context, status=400 if form.errors else 200
    )
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [path("vouchers/", voucher_balance, name="voucher_balance")]
