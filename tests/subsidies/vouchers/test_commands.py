"""The voucher commands: the monthly credit run from cron, the ledger check, key rotation."""

from datetime import date
from decimal import Decimal

from django.core.management import CommandError, call_command

import pytest
from cryptography.fernet import Fernet

from incubator.kernel.personal_data import decrypt_personal
from subsidies.models import Resident
from tests.factories.vouchers import citizen_id, enrolled, voucher_scheme

pytestmark = pytest.mark.django_db


def test_the_monthly_run_credits_once_and_the_ledger_check_agrees(capsys):
    voucher_scheme()
    holder = enrolled()
    call_command("credit_vouchers", "--month", "2026-03")
    call_command("credit_vouchers", "--month", "2026-03")
    holder.refresh_from_db()
    assert holder.balance == Decimal("80.00")
    call_command("check_voucher_ledger")
    assert "1 voucher balances agree" in capsys.readouterr().out


def test_the_ledger_check_names_a_balance_that_lies():
    voucher_scheme()
    holder = enrolled()
    call_command("credit_vouchers", "--month", "2026-03")
    Resident.objects.filter(pk=holder.pk).update(balance=Decimal("500"))
    with pytest.raises(CommandError, match=holder.card_number):
        call_command("check_voucher_ledger")


def test_a_bad_month_or_no_scheme_is_a_clear_error():
    with pytest.raises(CommandError, match="No care-voucher scheme"):
        call_command("credit_vouchers")
    voucher_scheme()
    with pytest.raises(CommandError, match="2026-03"):
        call_command("credit_vouchers", "--month", "March")


def test_rotation_re_encrypts_under_the_new_key(settings):
    old = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [old]
    number = citizen_id(date(1940, 2, 2))
    holder = enrolled(citizen_id=number)
    new = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [new, old]
    call_command("rotate_personal_data")
    settings.PERSONAL_DATA_KEYS = [new]
    holder.refresh_from_db()
    assert decrypt_personal(holder.citizen_id_token) == number
