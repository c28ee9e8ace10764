"""How a stored value reads to a person, wherever the back office shows one field by itself
(inspect pages, listing columns): times in China Standard Time, amounts as ¥72,000.00, shares
as percentages, yes or no, a dash for nothing, structured details as a table."""

import datetime
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel import money
from incubator.kernel.letters import letter_kinds
from incubator.kernel.people import display_name

EMPTY = "—"


def is_money_field(field) -> bool:
    """Money is stored everywhere as DecimalField(max_digits=12, decimal_places=2) (DESIGN:
    Decimal with two places, RMB); nothing else in the project has that shape."""
    return (
        isinstance(field, models.DecimalField)
        and field.decimal_places == 2
        and field.max_digits >= 10
    )


def is_rate_field(field) -> bool:
    """A share such as 0.50 (half): a two-place decimal no larger than 9.99."""
    return isinstance(field, models.DecimalField) and (field.max_digits, field.decimal_places) == (
        3,
        2,
    )


def percentage(value) -> str:
    """0.50 → '50 %', 0.125 → '12.5 %'."""
    number = (Decimal(value) * 100).normalize()
    text = formats.number_format(number, use_l10n=True)
    return f"{text} %"


def local_time(value: datetime.datetime) -> str:
    """An aware time as China Standard Time, in the active language's date format."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def display_value(value, field=None):
    """``value`` (of model ``field`` when known) as a person should read it. Values that are
    already text (choices' labels, components) pass through."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return local_time(value)
    if isinstance(value, datetime.date):
        # A date field named "month" holds the first day of a month (claims, credits, flags).
        month = field is not None and getattr(field, "name", "") == "month"
        return formats.date_format(value, "YEAR_MONTH_FORMAT" if month else "DATE_FORMAT")
    if isinstance(value, AbstractBaseUser):
        return display_name(value)  # 王敏, family name first, not the user name
    if isinstance(value, Decimal) and field is not None:
        if is_money_field(field):
            return money.format_rmb(value)
        if is_rate_field(field):
            return percentage(value)
    if isinstance(value, dict):
        return details_table(value)
    return value


# Labels of the details every letter records (the apps register their letters' own with their
# kinds, ``letter_kinds.register_choices(..., details=...)``); a key not labelled reads humanised.
DETAIL_LABELS = {
    "recipient_name": gettext_lazy("Recipient"),
    "recipient_name_en": gettext_lazy("Recipient (English)"),
}
# The issuer's letterhead is kept with the letter so it can be printed again as issued; the
# PDF shows it, the details table does not repeat it.
HIDDEN_DETAILS = {"letterhead"}


def detail_label(key: str) -> str:
    label = DETAIL_LABELS.get(key) or letter_kinds.detail_labels.get(key)
    return str(label or key.replace("_", " ").capitalize())


def details_table(details: dict) -> str:
    """A letter's structured details as a table of label and value; a list of records (the
    staff lines of a subsidy award) as a table of its own inside the cell."""
    rows = [
        (detail_label(key), _cell(value))
        for key, value in details.items()
        if key not in HIDDEN_DETAILS
    ]
    return render_to_string("includes/details_table.html", {"rows": rows})


def _cell(value):
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
        columns = list(value[0])
        return render_to_string(
            "includes/details_records.html",
            {
                "headers": [detail_label(key) for key in columns],
                "records": [[_cell(record.get(key)) for key in columns] for record in value],
            },
        )
    if isinstance(value, (list, tuple)):
        return "、".join(str(_cell(item)) for item in value) or EMPTY
    if isinstance(value, dict):
        return details_table(value)
    return display_value(value)
