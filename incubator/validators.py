"""Validators for identifiers the bureau relies on."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the unified social credit code's character set (no I, O, S, V, Z).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def normalise_uscc(value: str) -> str:
    """The code as it is stored: surrounding spaces removed, upper case."""
    return (value or "").strip().upper()


def uscc_check_character(first17: str) -> str:
    """The 18th character that GB 32100-2015 computes from the first seventeen."""
    total = sum(
        USCC_CHARSET.index(char) * weight
        for char, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )
    check = 31 - total % 31
    return USCC_CHARSET[0 if check == 31 else check]


def validate_uscc(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is a well-formed unified social credit code
    (18 characters from the GB 32100-2015 set with a correct check character). Surrounding
    spaces and lower case are accepted, as forms normalise them before storing."""
    code = normalise_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="uscc_length",
            params={"count": len(code)},
        )
    bad = sorted({char for char in code if char not in USCC_CHARSET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="uscc_characters",
            params={"chars": "、".join(bad)},
        )
    if uscc_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: check it against the certificate."),
            code="uscc_check",
        )
