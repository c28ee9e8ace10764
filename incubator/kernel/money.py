"""Money: amounts in RMB as Decimals with two places, in figures and in Chinese capital
numerals (大写金额) as financial documents require."""

from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACE_UNITS = ["", "拾", "佰", "仟"]
GROUP_UNITS = ["", "万", "亿"]
CENT = Decimal("0.01")
LIMIT = Decimal(10) ** 12


def to_amount(value) -> Decimal:
    """``value`` as a Decimal amount of at most two decimal places in [0, 10^12), or
    ValueError. Floats are refused: money never passes through binary fractions."""
    if isinstance(value, (bool, float)):
        raise ValueError(f"Not an amount: {value!r}")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"Not an amount: {value!r}") from error
    if not amount.is_finite():
        raise ValueError(f"Not an amount: {value!r}")
    if amount < 0:
        raise ValueError(f"A negative amount: {value!r}")
    if amount >= LIMIT:
        raise ValueError(f"Too large an amount: {value!r}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"More than two decimal places: {value!r}")
    return amount.quantize(CENT)


def _yuan_capital(yuan: int) -> str:
    """The yuan part: groups of four digits under 亿, 万 and none. Zeros inside a group or
    leading a lower group become one 零 before the next non-zero digit; zeros that end a
    group are absorbed by the group's unit (壹拾万柒仟, not 壹拾万零柒仟)."""
    digits = str(yuan)
    groups = []
    while digits:
        groups.insert(0, digits[-4:])
        digits = digits[:-4]
    text = ""
    zero_pending = False
    for index, group in enumerate(groups):
        unit = GROUP_UNITS[len(groups) - 1 - index]
        if int(group) == 0:
            zero_pending = bool(text)
            continue
        group = group.rjust(4, "0") if text else group
        for position, digit in enumerate(group):
            if digit == "0":
                zero_pending = zero_pending or bool(text)
                continue
            if zero_pending:
                text += "零"
                zero_pending = False
            text += DIGITS[int(digit)] + PLACE_UNITS[len(group) - 1 - position]
        text += unit
        zero_pending = False
    return text


def rmb_capital(amount) -> str:
    """The amount in Chinese capital numerals, without the 人民币 prefix: 12300 → 壹万贰仟叁佰元整,
    1680.32 → 壹仟陆佰捌拾元零叁角贰分, 0.05 → 伍分, 0 → 零元整. Raises ValueError for anything
    but 0 <= amount < 10^12 with at most two decimal places."""
    amount = to_amount(amount)
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "零元整"
    text = ""
    if yuan:
        text = _yuan_capital(yuan) + "元"
        if cents == 0:
            return text + "整"
        if (yuan % 10 == 0 and jiao) or (not jiao and fen):
            text += "零"
    if jiao:
        text += DIGITS[jiao] + "角"
    if fen:
        text += DIGITS[fen] + "分"
    return text


def format_rmb(amount) -> str:
    """¥12,300.00"""
    return f"¥{to_amount(amount):,.2f}"


MINUS = "\u2212"  # the minus sign, read as "minus" by screen readers (a hyphen is not)


def format_signed_rmb(amount) -> str:
    """An entry of an account, which may take money away: ¥80.00, −¥8.00."""
    if isinstance(amount, Decimal) and amount < 0:
        return MINUS + format_rmb(-amount)
    return format_rmb(amount)
