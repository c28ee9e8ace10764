"""The subsidy tests read messages in English: the services run with English active, and the
test client asks for English pages. The Chinese messages come from the catalogue, which
tests/test_translations.py keeps complete."""

from django.utils import translation

import pytest


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
