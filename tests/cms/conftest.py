"""The services directory's world: the directory page in both languages and a published
contract's day-care centre in 城厢镇 东林村."""

import pytest

from tests.factories import build_public_site, tender_index
from tests.factories.directory import directory_page, published_contract, with_offer
from tests.factories.sites import service_site


@pytest.fixture
def directory_site(db):
    """(Chinese directory page, English directory page, tender index) on a public site."""
    site = build_public_site(guidance_count=0)
    zh = directory_page(site.home_zh)
    en = directory_page(site.home_en, source=zh)
    return zh, en, tender_index(site.home_zh)


@pytest.fixture
def directory(directory_site):
    return directory_site[0]


@pytest.fixture
def contract(directory_site):
    return published_contract(directory_site[2])


@pytest.fixture
def centre(contract):
    return with_offer(service_site(contract, name="城厢镇东林村日间照料中心"))
