"""The public services directory: its page under a home page, and contracts whose sites it
lists (published, so public) or does not (awarded, not yet signed)."""

from django.utils import timezone

from wagtail.models import Page

from cms.models import ServicesDirectoryPage
from tenders.models import Contract
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
