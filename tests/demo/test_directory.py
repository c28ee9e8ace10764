"""The demo has the services directory in both languages, in the menu, listing the day-care
contract's centre and canteen with their prices and hours."""

from django.core.management import call_command

import pytest

from cms.models import ServicesDirectoryPage
from tenders.models import ServiceSite

pytestmark = pytest.mark.django_db


def test_the_demo_directory_lists_the_centre_with_its_prices(demo, client, settings):
    settings.DEBUG = True
    call_command("seed_demo")  # idempotent: one page per language
    pages = ServicesDirectoryPage.objects.live()
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["en", "zh-hans"]
    zh = pages.get(locale__language_code="zh-hans")
    assert zh.show_in_menus and "养老服务补贴" in zh.intro
    centre = ServiceSite.objects.get(kind="day_care", town="城厢镇")
    index = client.get(zh.url).content.decode()
    assert centre.name in index and "城厢镇东林村老年助餐点" in index
    html = client.get(f"{zh.url}site/{centre.code}/").content.decode()
    assert "¥30.00" in html and "¥20.00" in html and "08:00–12:30" in html
    assert client.get(f"{zh.url}print/城厢镇/东林村/").status_code == 200
