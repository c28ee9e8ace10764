"""Amounts in Chinese capital numerals follow the rules, not a table."""

from decimal import Decimal

from django.template import Context, Template

import pytest

from incubator.kernel.money import DIGITS, format_rmb, rmb_capital

EXAMPLES = {
    "12300": "壹万贰仟叁佰元整",
    "1680.32": "壹仟陆佰捌拾元零叁角贰分",
    "107000.53": "壹拾万柒仟元零伍角叁分",
    "1000100": "壹佰万零壹佰元整",
    "0.05": "伍分",
    "0": "零元整",
    "0.5": "伍角",
    "0.35": "叁角伍分",
    "10": "壹拾元整",
    "15": "壹拾伍元整",
    "1001": "壹仟零壹元整",
    "1010": "壹仟零壹拾元整",
    "12.05": "壹拾贰元零伍分",
    "12.5": "壹拾贰元伍角",
    "20.5": "贰拾元零伍角",
    "600000": "陆拾万元整",
    "100000001": "壹亿零壹元整",
    "100010000": "壹亿零壹万元整",
    "10000000000": "壹佰亿元整",
    "999999999999.99": "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    "3000.3": "叁仟元零叁角",
    "1234567.89": "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分",
}


@pytest.mark.parametrize(("amount", "expected"), EXAMPLES.items())
def test_examples(amount, expected):
    assert rmb_capital(Decimal(amount)) == expected


@pytest.mark.parametrize(
    "bad",
    [Decimal("-0.01"), Decimal("1.005"), Decimal(10) ** 12, "abc", Decimal("NaN"), 1.5, None],
)
def test_anything_else_is_a_value_error(bad):
    with pytest.raises(ValueError):
        rmb_capital(bad)


def _yuan_samples():
    yield from range(0, 120_000)
    for exponent in range(5, 12):
        for lead in (1, 10, 101, 1001, 10001, 100001, 1000001):
            for tail in (0, 1, 10, 100, 1000, 10000, 100000):
                value = lead * 10**exponent + tail
                if value < 10**12:
                    yield value


def test_rules_hold_for_every_amount():
    for yuan in _yuan_samples():
        text = rmb_capital(Decimal(yuan))
        assert text.endswith("元整"), yuan
        assert "零零" not in text, text
        assert not text.startswith("零") or yuan == 0, text
        assert "零万" not in text and "零亿" not in text, text
        assert "零元" not in text or yuan == 0, text
        assert not (10 <= yuan < 20) or text.startswith("壹拾"), text
        assert _read_back(text) == yuan, text


def _read_back(text: str) -> int:
    """Parse capitals back into a number (test oracle)."""
    text = text.removesuffix("元整")
    if text == "零":
        return 0
    total, section, number = 0, 0, 0
    units = {"拾": 10, "佰": 100, "仟": 1000}
    for char in text:
        if char in DIGITS:
            number = DIGITS.index(char)
        elif char in units:
            section += number * units[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif char == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
    return total + section + number


@pytest.mark.parametrize("cents", range(1, 100))
def test_cents_under_one_yuan_start_with_jiao_or_fen_and_never_end_in_zheng(cents):
    text = rmb_capital(Decimal(cents) / 100)
    assert text[0] in DIGITS[1:]
    assert "元" not in text and "整" not in text


@pytest.mark.parametrize("cents", range(1, 100))
def test_zero_after_yuan_follows_the_rule(cents):
    for yuan in (10, 11):
        text = rmb_capital(Decimal(yuan) + Decimal(cents) / 100)
        jiao, fen = divmod(cents, 10)
        after = text.split("元", 1)[1]
        expect_zero = (yuan % 10 == 0 and jiao > 0) or (jiao == 0 and fen > 0)
        assert after.startswith("零") == expect_zero, text
        assert not after.endswith("整")


def test_figures_and_filters():
    assert format_rmb(Decimal("12300")) == "¥12,300.00"
    html = Template("{% load money %}{{ a|rmb }} {{ a|rmb_capital }}").render(
        Context({"a": Decimal("1680.32")})
    )
    assert html == "¥1,680.32 壹仟陆佰捌拾元零叁角贰分"


def test_account_entries_show_their_sign():
    html = Template("{% load money %}{{ a|rmb_signed }} {{ b|rmb_signed }}").render(
        Context({"a": Decimal("80.00"), "b": Decimal("-1008.50")})
    )
    assert html == "¥80.00 \u2212¥1,008.50"
