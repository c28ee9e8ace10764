"""Hostile input shared by the security tests: markup that runs if a page prints it raw, and
the checks that it never does."""

import csv
import io

from django import forms
from django.utils.html import escape

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = SCRIPT + IMG  # 55 characters: fits every free-text field of the portal.
FORMULAS = ("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1")
PDF = b"%PDF-1.7\n%%EOF\n"


def text_fields(form_class, *, exclude=()) -> list[str]:
    """The free-text fields of a form, found from the form rather than listed by hand."""
    return [
        name
        for name, field in form_class.base_fields.items()
        if type(field) is forms.CharField
        and not isinstance(field.widget, forms.PasswordInput)
        and name not in exclude
    ]


def assert_not_raw(html: str, *, where: str = "") -> None:
    """No markup of the payload runs on the page."""
    assert SCRIPT not in html, f"raw <script> in {where}"
    assert "<img src=x" not in html, f"raw <img> in {where}"


def assert_escaped(html: str, payload: str = PAYLOAD, *, where: str = "") -> None:
    """The payload shows on the page, escaped, and never as markup."""
    assert_not_raw(html, where=where)
    assert escape(payload) in html, f"{where} does not show the payload at all"


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text)))
