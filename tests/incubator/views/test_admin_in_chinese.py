"""The back office in Chinese: column headings, Wagtail's own strings the project translates,
amounts in listings, and the account settings' time zones."""

import pytest

from tests.factories import (
    HubFactory,
    MilestoneTemplateFactory,
    OrganisationFactory,
    bureau_officer,
    scheme_factory,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = bureau_officer()
    client.force_login(user)
    return user


def _html(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, url
    return response.content.decode()


def test_boolean_columns_are_headed_in_chinese(client, officer):
    hub = HubFactory()
    MilestoneTemplateFactory(hub=hub)
    hubs = _html(client, "/admin/hubs/")
    assert "Is active" not in hubs
    assert "启用" in hubs
    templates = _html(client, "/admin/milestone_templates/")
    assert "Is required" not in templates
    assert "出壳毕业必需" in templates


def test_listing_sort_links_and_empty_search_read_in_chinese(client, officer):
    HubFactory()
    html = _html(client, "/admin/hubs/")
    assert "Sort by" not in html
    assert "升序排列" in html
    html = _html(client, "/admin/hubs/?q=不存在的基地")
    assert "match your query" not in html
    assert "没有符合查询条件的" in html


def test_dashboard_search_box_reads_in_chinese(client, officer):
    html = _html(client, "/admin/")
    assert "Search all pages" not in html
    assert "搜索全部页面" in html


def test_menu_badge_text_is_in_the_chinese_script_catalogue(client, officer):
    script = _html(client, "/admin/jsi18n/")
    assert "\\u6b64\\u83dc\\u5355" in script or "此菜单" in script


def test_subsidy_listing_shows_amounts_in_yuan(client, officer):
    hub = HubFactory()
    organisation = OrganisationFactory(hub=hub)
    application = submitted_application(organisation, scheme_factory(hubs=[hub]))
    html = _html(client, "/admin/subsidy_applications/")
    assert f"¥{application.eligible_total:,.2f}" in html
    assert f">{application.eligible_total}<" not in html.replace(" ", "").replace("\n", "")


def test_account_settings_offer_time_zones_browsers_know(client, officer):
    html = _html(client, "/admin/account/")
    assert 'value="localtime"' not in html
    assert 'value="Factory"' not in html
    assert 'value="Asia/Shanghai"' in html
