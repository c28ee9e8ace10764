"""Pages with more than one search form tell screen-reader users which is which."""

import re

import pytest

from tests.factories import tender_index

pytestmark = pytest.mark.django_db


def _search_landmark_names(html: str) -> list[str | None]:
    forms = re.findall(r"<form[^>]*role=\"search\"[^>]*>", html)
    return [(re.search(r'aria-label="([^"]+)"', form) or [None, None])[1] for form in forms]


@pytest.mark.parametrize("path", ["tenders/", "search/?q=指南"])
def test_each_search_landmark_has_its_own_name(client, search_index, public_site, path):
    tender_index()
    html = client.get(f"/zh-hans/{path}").content.decode()
    names = _search_landmark_names(html)
    assert len(names) == 2
    assert None not in names
    assert len(set(names)) == 2
