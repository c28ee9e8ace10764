"""The unified social credit code validator (GB 32100-2015)."""

from django.core.exceptions import ValidationError

import pytest

from incubator.kernel.validators import USCC_CHARSET, normalise_uscc, validate_uscc

VALID = "91350100M000100Y43"


@pytest.mark.parametrize("code", [VALID, VALID.lower(), f"  {VALID} ", "52320585MJ5A0721X4"])
def test_valid_codes_and_their_lower_case_or_padded_forms_pass(code):
    validate_uscc(code)


def test_every_single_character_change_is_refused():
    for position in range(18):
        for char in USCC_CHARSET:
            if char == VALID[position]:
                continue
            changed = VALID[:position] + char + VALID[position + 1 :]
            with pytest.raises(ValidationError):
                validate_uscc(changed)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("", "uscc_length"),
        ("91350100M000100Y4", "uscc_length"),
        ("91350100M000100Y433", "uscc_length"),
        ("91350100M000100I43", "uscc_characters"),
        ("91350100M000100Y44", "uscc_check"),
    ],
)
def test_bad_codes_say_what_is_wrong(code, error):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(code)
    assert caught.value.code == error


def test_normalise_strips_and_upper_cases():
    assert normalise_uscc(" 91350100m000100y43\n") == VALID
