"""The public services directory: its page under a home page, and contracts whose sites it
lists (published, so public) or does not (awarded, not yet signed)."""

from datetime import time
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page

from cms.models import ServicesDirectoryPage
from tenders.models import Contract, SiteOpeningHours, SiteService
from tests.factories.sites import service_site
from tests.factories.tenders import awarded


def directory_page(home: Page, *, slug: str = "services", source=None) -> ServicesDirectoryPage:
    """A published directory page under ``home`` (with ``source``, as its translation)."""
    page = ServicesDirectoryPage(
        title="养老服务地图" if home.locale.language_code == "zh-hans" else "Care services",
        slug=slug,
        intro="<p>按镇和类型查找养老服务。</p>",
        show_in_menus=True,
    )
    page.locale = home.locale
    if source is not None:
        page.translation_key = source.translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def published_contract(index, *, published: bool = True) -> Contract:
    """A contract from a final award of a tender under ``index``; signed and published (its
    sites public) unless ``published`` is False."""
    tender, _bids = awarded(index, prices=("200000.00", "250000.00"))
    contract = Contract.objects.select_related("organisation").get(tender=tender.tender)
    if published:
        Contract.objects.filter(pk=contract.pk).update(
            signed_on=timezone.localdate(), published_at=timezone.now()
        )
        contract.refresh_from_db()
    return contract


def public_sites(
    contract, count: int, *, town="城厢镇", community="东林村", name_prefix="", **fields
) -> list:
    """``count`` sites of ``contract`` named <town><prefix>站点01, ... in ``town``."""
    return [
        service_site(
            contract,
            name=f"{town}{name_prefix}站点{n:02d}",
            town=town,
            community=community,
            **fields,
        )
        for n in range(1, count + 1)
    ]


def with_offer(site, *, voucher_price: str | None = "8.00"):
    """``site`` taking vouchers, open weekdays 08:00–11:30 and 13:30–17:00, with lunch at
    ¥20.00 (``voucher_price`` from the voucher) and a bath at ¥45.00 (not with vouchers),
    step-free, with a phone number and directions."""
    for weekday in range(5):
        SiteOpeningHours.objects.create(
            site=site, weekday=weekday, opens=time(8), closes=time(11, 30)
        )
        SiteOpeningHours.objects.create(
            site=site, weekday=weekday, opens=time(13, 30), closes=time(17)
        )
    SiteService.objects.create(
        site=site,
        service_type="meals",
        name="午餐",
        unit="meal",
        price=Decimal("20.00"),
        voucher_price=Decimal(voucher_price) if voucher_price else None,
        duration_minutes=30,
    )
    SiteService.objects.create(
        site=site,
        service_type="bathing",
        name="助浴",
        unit="visit",
        price=Decimal("45.00"),
        duration_minutes=60,
    )
    SiteService.objects.create(
        site=site,
        service_type="cleaning",
        name="停止的保洁",
        unit="hour",
        price=Decimal("30.00"),
        duration_minutes=60,
        active=False,
    )
    type(site).objects.filter(pk=site.pk).update(
        accepts_vouchers=True,
        step_free=True,
        phone="0512-53530000",
        directions="乘102路公交到东林村站，向北走100米。",
    )
    site.refresh_from_db()
    return site


def build_directory():
    """The directory under the Chinese and English home pages of the public site, with one
    published contract's day-care centre (hours, prices) in 城厢镇 东林村, for walks of every
    public page (the browser tests)."""
    from cms.models import HomePage
    from tenders.models import TenderIndexPage
    from tests.factories.tenders import tender_index

    homes = {home.locale.language_code: home for home in HomePage.objects.live()}
    zh = directory_page(homes["zh-hans"])
    if "en" in homes:
        directory_page(homes["en"], source=zh)
    index = TenderIndexPage.objects.filter(locale=zh.locale).first() or tender_index(
        homes["zh-hans"]
    )
    return with_offer(service_site(published_contract(index), name="城厢镇东林村日间照料中心"))
