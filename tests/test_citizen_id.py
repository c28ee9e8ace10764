"""GB 11643 citizen identity numbers: the check character, the birth date, masking."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from incubator.kernel.validators import (
    citizen_id_birth_date,
    citizen_id_check_character,
    mask_citizen_id,
    validate_citizen_id,
)


def test_the_standard_example_checks_out():
    # GB 11643-1999's own example.
    assert citizen_id_check_character("11010519491231002") == "X"
    validate_citizen_id("11010519491231002X")
    validate_citizen_id("11010519491231002x ")
    assert citizen_id_birth_date("11010519491231002X") == date(1949, 12, 31)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010519491231002", "citizen_id_shape"),
        ("1101051949123100XX", "citizen_id_shape"),
        ("110105194913310029", "citizen_id_birth_date"),
        ("110105209912310020", "citizen_id_birth_date"),
        ("110105194912310021", "citizen_id_check"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(number, code):
    with pytest.raises(ValidationError) as error:
        validate_citizen_id(number)
    assert error.value.code == code


def test_staff_see_the_division_and_the_last_four():
    assert mask_citizen_id("11010519491231002X") == "110105********002X"
