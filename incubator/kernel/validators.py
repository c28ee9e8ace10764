"""Validators for identifiers the bureau relies on."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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


# Chinese telephone numbers, once spaces, hyphens, dots and brackets are taken out: a mobile
# number (11 digits from 13x to 19x), a landline with its area code (0 and 2 or 3 digits, then
# 7 or 8 digits not starting with 0 or 1), or a 400/800 service number; the landline may end in
# an extension. +86 or 0086 may come first, and then a landline's area code drops its 0.
PHONE_SEPARATORS = re.compile(r"[\s\-.()（）]")
PHONE_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*\d{1,6}$", re.IGNORECASE)
PHONE_NATIONAL = re.compile(r"1[3-9]\d{9}|0\d{2,3}[2-9]\d{6,7}|[48]00\d{7}")
PHONE_INTERNATIONAL = re.compile(r"1[3-9]\d{9}|[1-9]\d{1,2}[2-9]\d{6,7}|[48]00\d{7}")
PHONE_INVALID = _(
    "Enter a phone number: a mobile number such as 138 1234 5678, or a landline with its area "
    "code such as 0512-5353 0000 (+86 may come first)."
)


def _is_phone_cn(compact: str) -> bool:
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            # "+86 (0)512 ...": the area code's 0 written all the same.
            rest = rest[1:] if rest.startswith("0") and not rest.startswith("00") else rest
            return bool(PHONE_INTERNATIONAL.fullmatch(rest))
    return bool(PHONE_NATIONAL.fullmatch(compact))


def validate_phone_cn(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` reads as a Chinese mobile or landline number
    (see ``PHONE_NATIONAL``), written the ways people write them."""
    text = PHONE_EXTENSION.sub("", (value or "").strip())
    compact = PHONE_SEPARATORS.sub("", text)
    if _is_phone_cn(compact):
        return
    # An extension after a hyphen: 0512-5353 0000-8001.
    main, _hyphen, extension = text.rpartition("-")
    if main and extension.strip().isdigit() and len(extension.strip()) <= 6:
        compact = PHONE_SEPARATORS.sub("", main)
        if _is_phone_cn(compact) and not compact.lstrip("+").startswith(("1", "861", "00861")):
            return
    raise ValidationError(PHONE_INVALID, code="phone_invalid")


# Django 5.2 changed the message of its MinimumLengthValidator, and Django's Chinese catalogue
# lacks the new one, so it showed in English on the Chinese site. Named here so that our
# catalogue extracts and keeps its translation.
DJANGO_PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)


# GB 11643-1999: the citizen identity number. Six digits of the administrative division where
# it was first issued, the birth date (YYYYMMDD), a three-digit sequence (odd for men, even for
# women) and a check character computed ISO 7064 MOD 11-2 from the first seventeen.
CITIZEN_ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
CITIZEN_ID_CHECK = "10X98765432"
CITIZEN_ID_SHAPE = re.compile(r"\d{17}[\dX]")


def normalise_citizen_id(value: str) -> str:
    """The number as it is compared and stored: spaces removed, a final x upper case."""
    return re.sub(r"\s", "", value or "").upper()


def citizen_id_check_character(first17: str) -> str:
    """The 18th character that GB 11643-1999 computes from the first seventeen digits."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, CITIZEN_ID_WEIGHTS, strict=True)
    )
    return CITIZEN_ID_CHECK[total % 11]


def citizen_id_birth_date(value: str):
    """The birth date the number carries (digits 7 to 14), or ``None`` if it is not a date."""
    code = normalise_citizen_id(value)
    try:
        return date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return None


def validate_citizen_id(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is a well-formed 18-character citizen identity
    number: digits, a real birth date not in the future, and the right check character."""
    code = normalise_citizen_id(value)
    if not CITIZEN_ID_SHAPE.fullmatch(code):
        raise ValidationError(
            _(
                "A citizen identity number has 18 characters: 17 digits, then a digit or X; "
                "this one has %(count)d characters."
            ),
            code="citizen_id_shape",
            params={"count": len(code)},
        )
    born = citizen_id_birth_date(code)
    if born is None or born > timezone.localdate() or born.year < 1890:
        raise ValidationError(
            _("Characters 7 to 14 of a citizen identity number are the birth date; these are not."),
            code="citizen_id_birth_date",
        )
    if citizen_id_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This citizen identity number is not valid: check it against the identity card."),
            code="citizen_id_check",
        )


def mask_citizen_id(value: str) -> str:
    """The number as staff see it: the division code and the last four characters, the birth
    date and sequence hidden (320585********0018)."""
    code = normalise_citizen_id(value)
    if len(code) != 18:
        return "*" * len(code)
    return f"{code[:6]}{'*' * 8}{code[-4:]}"
