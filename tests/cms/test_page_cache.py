"""The shared page cache (menus, ancestors, translations, site settings) never shows what
changed: publishing, unpublishing and saving settings start a new generation."""

from wagtail.models import Site

import pytest

from cms.models import SiteSettings
from tests.factories import guidance_page
from tests.factories.pages import build_public_site


@pytest.fixture
def site(db):
    return build_public_site(guidance_count=1)


def test_a_newly_published_section_appears_in_the_cached_menu(client, site):
    assert "新栏目" not in client.get("/zh-hans/").content.decode()
    from cms.models import StandardPage

    page = StandardPage(title="新栏目", slug="new-section", show_in_menus=True)
    site.home_zh.add_child(instance=page)
    page.save_revision().publish()
    assert "新栏目" in client.get("/zh-hans/").content.decode()
    page.unpublish()
    assert "新栏目" not in client.get("/zh-hans/").content.decode()


def test_saved_site_settings_show_at_once(client, site):
    client.get("/zh-hans/")
    settings = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))
    settings.bureau_name_zh = "太仓市民政局（新）"
    settings.save()
    assert "太仓市民政局（新）" in client.get("/zh-hans/").content.decode()


def test_a_new_translation_appears_in_the_cached_language_switcher(client, site):
    zh = guidance_page(site.index_zh, "新指南", "new-guide")
    html = client.get(zh.url).content.decode()
    assert "/en/guidance/new-guide/" not in html
    guidance_page(site.index_en, "New guide", "new-guide", source=zh)
    assert "/en/guidance/new-guide/" in client.get(zh.url).content.decode()


def test_a_view_restriction_added_after_the_cache_was_warmed_still_applies(client, site):
    from wagtail.models import PageViewRestriction

    url = site.guidance_zh[0].url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=site.index_zh, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 302  # to the login page
    assert "指南0" not in client.get(site.index_zh.url).content.decode()
