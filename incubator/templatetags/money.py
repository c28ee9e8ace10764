"""Template filters for money: ``{{ amount|rmb }}`` → ¥12,300.00, ``{{ amount|rmb_signed }}``
→ −¥8.00 (an account entry), ``{{ amount|rmb_capital }}`` → 壹万贰仟叁佰元整,
``{{ share|percent }}`` → 50 %."""

from django import template

from incubator.kernel import money
from incubator.kernel.display import percentage

register = template.Library()


@register.filter
def rmb(amount) -> str:
    """The amount in figures, or an empty string when there is none (never negative: an
    account's entries use ``rmb_signed``)."""
    if amount is None or amount == "":
        return ""
    return money.format_rmb(amount)


@register.filter
def rmb_signed(amount) -> str:
    """An account entry's amount, negative ones with a minus sign: −¥8.00."""
    if amount is None or amount == "":
        return ""
    return money.format_signed_rmb(amount)


@register.filter
def rmb_capital(amount) -> str:
    """The amount in Chinese capital numerals."""
    if amount is None or amount == "":
        return ""
    return money.rmb_capital(amount)


@register.filter
def percent(share) -> str:
    """A share as a percentage: 0.50 → 50 %."""
    if share is None or share == "":
        return ""
    return percentage(share)
