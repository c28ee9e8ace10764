"""The public services directory: find services by town and type with a plain GET form (no
JavaScript), each site's page, a community's printable list; 404 for a site that is not
public or does not exist."""

import re

from django.utils import timezone

import pytest

from tenders.models import Contract, ContractAcceptance
from tests.factories.directory import public_sites, published_contract
from tests.factories.sites import service_site

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_home_page_links_the_directory_in_its_menu(client, directory, centre):
    html = _get(client, "/zh-hans/")
    assert f'href="{directory.url}"' in html and directory.title in html


def test_the_index_lists_public_sites_by_town_with_a_plain_get_form(client, directory, centre):
    html = _get(client, directory.url)
    assert '<form method="get"' in html and "<script" not in html
    assert centre.name in html and f"{directory.url}site/{centre.code}/" in html
    assert 'name="town"' in html and 'name="kind"' in html
    assert "年满80周岁" in html  # what a care voucher is, in plain words


def test_the_index_filters_by_town_and_by_type(client, directory, contract, centre):
    canteen = service_site(contract, name="沙溪镇老年助餐点", town="沙溪镇", kind="canteen")
    html = _get(client, f"{directory.url}?town=沙溪镇")
    assert canteen.name in html and centre.name not in html
    html = _get(client, f"{directory.url}?kind=day_care")
    assert centre.name in html and canteen.name not in html
    html = _get(client, f"{directory.url}?town=城厢镇&kind=canteen")
    assert centre.name not in html and canteen.name not in html
    assert "没有符合条件的服务" in html


def test_the_index_finds_the_sites_offering_a_type_of_service(client, directory, contract, centre):
    other = service_site(contract, name="浮桥镇日间照料中心", town="浮桥镇")
    html = _get(client, f"{directory.url}?service=bathing")
    assert centre.name in html and other.name not in html
    # A withdrawn service is not offered.
    assert centre.name not in _get(client, f"{directory.url}?service=cleaning")


def test_a_site_that_takes_no_vouchers_shows_no_voucher_price(client, directory, centre):
    type(centre).objects.filter(pk=centre.pk).update(accepts_vouchers=False)
    html = _get(client, f"{directory.url}site/{centre.code}/")
    assert "¥20.00" in html and "¥8.00" not in html and "本站点不可用" in html


def test_an_unknown_town_is_a_clear_error_and_lists_everything(client, directory, centre):
    response = client.get(f"{directory.url}?town=火星镇")
    html = response.content.decode()
    assert response.status_code == 200
    assert "火星镇" in html and "请从列表中选择镇" in html
    assert centre.name in html


def test_a_site_page_shows_what_it_offers_its_performance_and_feedback_link(
    client, directory, contract, centre
):
    ContractAcceptance.objects.create(
        contract=contract,
        number=1,
        kind="interim",
        held_on=contract.starts_on,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on,
        conclusion="passed",
        signed_off_at=timezone.now(),
        published_at=timezone.now(),
    )
    html = _get(client, f"{directory.url}site/{centre.code}/")
    assert f"<h1>{centre.name}</h1>" in html
    assert centre.address in html and contract.organisation.name in html
    assert "乘102路公交" in html and 'href="tel:0512-53530000"' in html
    # Prices with and without the voucher; a service the voucher does not pay; none withdrawn.
    assert re.search(r"午餐.*?¥20\.00.*?¥8\.00", html, re.S)
    assert re.search(r"助浴.*?¥45\.00.*?补贴不可用", html, re.S)
    assert "停止的保洁" not in html
    assert "星期一" in html and "08:00–11:30" in html and "13:30–17:00" in html
    assert re.search(r"星期六</th><td>休息", html)
    assert "无台阶入口" in html and "没有电梯" in html
    assert "验收合格" in html or "合格" in html
    assert f'href="/zh-hans/feedback/{centre.code}/"' in html
    assert f'href="/zh-hans/feedback/{centre.code}/performance/"' in html
    assert 'src="data:image/svg+xml' in html  # the QR code of the feedback page
    assert "<script" not in html


def test_the_english_site_page_is_in_english(client, directory_site, centre):
    en = directory_site[1]
    html = _get(client, f"{en.url}site/{centre.code}/")
    assert "Opening hours" in html and "What is a care voucher?" in html
    assert "Monday" in html and "per meal" in html
    assert f'href="/en/feedback/{centre.code}/"' in html


def test_an_unknown_code_is_404(client, directory, centre):
    assert client.get(f"{directory.url}site/nosuchcode/").status_code == 404


def test_a_site_of_an_unpublished_or_ended_contract_is_not_public(
    client, directory, directory_site, centre
):
    hidden = service_site(published_contract(directory_site[2], published=False), name="未公开站点")
    assert client.get(f"{directory.url}site/{hidden.code}/").status_code == 404
    assert hidden.name not in _get(client, directory.url)
    Contract.objects.filter(pk=centre.contract_id).update(
        ends_on=timezone.localdate() - timezone.timedelta(days=1),
        starts_on=timezone.localdate() - timezone.timedelta(days=400),
    )
    assert client.get(f"{directory.url}site/{centre.code}/").status_code == 404


def test_the_printable_list_of_a_community_has_its_sites_and_the_towns(
    client, directory, contract, centre
):
    town_wide = service_site(
        contract, name="城厢镇居家养老服务站", community="", kind="home_care_base"
    )
    elsewhere = service_site(contract, name="城厢镇西门社区助餐点", community="西门社区")
    index = _get(client, directory.url)
    url = f"{directory.url}print/城厢镇/东林村/"
    assert "print/%E5%9F%8E%E5%8E%A2%E9%95%87/%E4%B8%9C%E6%9E%97%E6%9D%91/" in index
    html = _get(client, url)
    assert centre.name in html and town_wide.name in html and elsewhere.name not in html
    assert "东林村" in html and "年满80周岁" in html
    assert "¥20.00" in html and "¥8.00" in html and "08:00–11:30" in html
    # No site navigation on the sheet; the A4 page rule is in the style sheet.
    assert 'class="site-nav"' not in html and "directory-print" in html


def test_a_community_without_sites_has_no_list(client, directory, centre):
    assert client.get(f"{directory.url}print/城厢镇/无此村/").status_code == 404
    assert client.get(f"{directory.url}print/城厢镇/").status_code == 404


def test_the_sitemap_lists_the_sites_and_the_communities(client, directory, centre):
    xml = _get(client, "/sitemap.xml")
    assert re.search(rf"services/site/{centre.code}/", xml)
    assert "services/print/" in xml


def test_the_index_lists_a_page_of_sites_at_a_time_keeping_the_filters(
    client, directory, contract, centre, monkeypatch
):
    """A town of a city ten times ours has about eighty sites: the index shows them a page at
    a time, counts them all, and its page links keep the town and type chosen."""
    monkeypatch.setattr("cms.models.directory.SITES_PER_PAGE", 2)
    sites = public_sites(contract, 3, town="沙溪镇", community="松南社区")
    first = _get(client, f"{directory.url}?town=沙溪镇")
    assert "找到3个服务站点" in first
    assert [site.name in first for site in sites] == [True, True, False]
    assert "第 1 页，共 2 页" in first  # the pager keeps the filters
    assert 'href="?town=%E6%B2%99%E6%BA%AA%E9%95%87&amp;page=2"' in first
    second = _get(client, f"{directory.url}?town=沙溪镇&page=2")
    assert sites[2].name in second and sites[0].name not in second and "上一页" in second
    assert centre.name not in second  # still in 沙溪镇 only
    # A page past the end (or not a number) shows the last (or the first) page, no error.
    assert sites[2].name in _get(client, f"{directory.url}?town=沙溪镇&page=9")
    assert sites[0].name in _get(client, f"{directory.url}?town=沙溪镇&page=x")
