"""Site settings: the bureau's names per language and the letter reference prefixes."""

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.models import Site

import pytest

from cms.models import LetterReferencePrefix, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings():
    return SiteSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        bureau_name_zh="太仓市民政局",
        bureau_name_en="Taicang Civil Affairs Bureau",
        address="太仓市上海东路99号",
    )


def test_bureau_name_follows_the_active_language(site_settings):
    with translation.override("en"):
        assert site_settings.bureau_name == "Taicang Civil Affairs Bureau"
        assert (
            site_settings.localized_address == "太仓市上海东路99号"
        )  # no English address: fall back
    with translation.override("zh-hans"):
        assert site_settings.bureau_name == "太仓市民政局"


def test_letter_prefix_per_kind(site_settings):
    LetterReferencePrefix.objects.create(
        settings=site_settings, kind="subsidy_award", prefix="太民社补"
    )
    assert site_settings.letter_prefix("subsidy_award") == "太民社补"
    assert site_settings.letter_prefix("tender_award") is None


@pytest.mark.parametrize("prefix", ["太民 社补", "太民〔2026〕", "太民12", ""])
def test_letter_prefix_rejects_anything_but_organ_code_characters(site_settings, prefix):
    item = LetterReferencePrefix(settings=site_settings, kind="admission", prefix=prefix)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_site_settings_edit_page_shows_for_the_administrator(client, site_settings):
    from tests.factories import UserFactory

    admin = UserFactory(username="siteadmin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(f"/admin/settings/cms/sitesettings/{site_settings.site_id}/")
    assert response.status_code == 200
    assert "letter_prefixes" in response.content.decode()


def test_site_settings_are_closed_to_anonymous_visitors(client, site_settings):
    response = client.get(f"/admin/settings/cms/sitesettings/{site_settings.site_id}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
