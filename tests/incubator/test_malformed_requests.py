"""Malformed or unusual requests get a 400 or a form error, never a server error: unreadable
multipart bodies, page forms without their StreamField management field, images Pillow cannot
read, ``next=default`` on a delete confirmation, and search with the usage filter."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.users.models import UserProfile

import pytest
from PIL import Image as PILImage

from cms.models import GuidancePage
from tests.factories import UserFactory, build_public_site
from tests.factories.pages import default_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_public_site(guidance_count=1)


@pytest.fixture
def editor(client):
    default_site()  # the root collection, as the migrations make it
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def _malformed_multipart():
    boundary = "BoUnDaRy"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n'
        f"X-Padding: {'a' * 10_000}\r\n\r\nvalue\r\n--{boundary}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/zh-hans/incubator/apply/", "无法读取请求"),
        ("/en/incubator/apply/", "The request could not be read"),
        ("/en/accounts/login/", "The request could not be read"),
    ],
)
def test_a_malformed_multipart_post_gets_the_translated_400_page(client, site, path, words):
    body, content_type = _malformed_multipart()
    client.raise_request_exception = False
    response = client.generic("POST", path, body, content_type=content_type)
    assert response.status_code == 400
    assert words in response.content.decode()


def test_a_malformed_multipart_post_to_the_admin_gets_400(client, site, editor):
    body, content_type = _malformed_multipart()
    client.raise_request_exception = False
    url = reverse("wagtailadmin_pages:edit", args=[site.guidance_zh[0].pk])
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 400


def test_a_page_form_without_its_streamfield_management_field_is_a_form_error(client, site, editor):
    url = reverse("wagtailadmin_pages:add", args=["cms", "guidancepage", site.index_zh.pk])
    data = {
        "title": "新指南",
        "slug": "new-guide",
        "summary": "摘要",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "arrived incomplete" in html
    assert "新指南" in html  # what the editor typed is still there
    assert not GuidancePage.objects.filter(slug="new-guide").exists()


def _jpeg() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"this is not an image at all", _jpeg()[:40]],
    ids=["unreadable", "truncated"],
)
def test_an_image_pillow_cannot_read_is_not_a_valid_image(client, editor, content):
    url = reverse("wagtailimages:add_multiple")
    upload = SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")
    response = client.post(url, {"files[]": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "not a valid image" in result["error_message"].lower() or "valid image" in str(result)
    assert not get_image_model().objects.exists()


def test_a_readable_image_still_uploads(client, editor):
    url = reverse("wagtailimages:add_multiple")
    upload = SimpleUploadedFile("photo.jpg", _jpeg(), content_type="image/jpeg")
    response = client.post(url, {"files[]": upload}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.json()["success"] is True


def test_next_default_on_a_delete_confirmation_is_ignored(client, site, editor):
    page = site.guidance_en[0]
    url = reverse("wagtailadmin_pages:delete", args=[page.pk])
    assert client.get(f"{url}?next=default").status_code == 200
    response = client.post(url, {"next": "default"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[site.index_en.pk])
    assert not Page.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("listing", ["wagtaildocs:index", "wagtailimages:index"])
@pytest.mark.parametrize("end", ["usage_count_min", "usage_count_max"])
def test_search_with_the_usage_filter_answers_the_search(client, editor, listing, end):
    document = get_document_model()(title="checklist", collection=Collection.get_first_root_node())
    document.file.save("checklist.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    response = client.get(reverse(listing), {"q": "checklist", end: "1"})
    assert response.status_code == 200
    assert "cannot be combined yet" in response.content.decode()
    results = reverse(listing.replace(":index", ":index_results"))
    assert client.get(results, {"q": "checklist", end: "1"}).status_code == 200
