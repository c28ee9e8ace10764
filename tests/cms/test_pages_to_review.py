"""An editor who deletes a document that published pages use sees where it is used before
confirming, and the pages that used it wait on the admin home until they are published again."""

import json

from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

import pytest

from cms.models import PageReviewFlag, StandardPage
from cms.review import pages_to_review_panels
from tests.factories import UserFactory, build_public_site, guidance_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_public_site(guidance_count=0)


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def _document():
    root = Collection.get_first_root_node()
    document = get_document_model()(title="登记材料清单", collection=root)
    document.file.save("checklist.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return document


def _linking_page(site, document):
    page = guidance_page(site.index_zh, "如何登记", "register")
    page.body = json.dumps([{"type": "document_link", "value": {"document": document.pk}}])
    page.save_revision().publish()
    return page


def test_the_delete_confirmation_shows_where_the_document_is_used(client, site, editor):
    document = _document()
    _linking_page(site, document)
    html = client.get(reverse("wagtaildocs:delete", args=[document.pk])).content.decode()
    assert reverse("wagtaildocs:document_usage", args=[document.pk]) in html
    assert "referenced 1 time" in html


def test_deleting_a_used_document_flags_its_pages_until_they_are_published_again(
    client, site, editor
):
    document = _document()
    page = _linking_page(site, document)
    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    flag = PageReviewFlag.objects.get()
    assert (flag.page_id, flag.reason, flag.target_title) == (
        page.pk,
        PageReviewFlag.Reason.DOCUMENT_DELETED,
        "登记材料清单",
    )
    assert flag.flagged_by == editor
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pages to review" in home
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in home
    page.save_revision().publish()
    assert not PageReviewFlag.objects.exists()
    assert "Pages to review" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_unpublishing_or_deleting_a_linked_page_flags_the_pages_that_link_to_it(site):
    target = StandardPage(title="目标页面", slug="target")
    site.home_zh.add_child(instance=target)
    target.save_revision().publish()
    linking = guidance_page(site.index_zh, "如何登记", "register")
    linking.body = json.dumps(
        [{"type": "paragraph", "value": f'<p><a linktype="page" id="{target.pk}">x</a></p>'}]
    )
    linking.save_revision().publish()
    target.unpublish()
    target.delete()
    assert list(PageReviewFlag.objects.values_list("page_id", "reason").order_by("pk")) == [
        (linking.pk, PageReviewFlag.Reason.PAGE_UNPUBLISHED),
        (linking.pk, PageReviewFlag.Reason.PAGE_DELETED),
    ]


def test_only_editors_who_may_edit_a_flagged_page_see_it(site):
    document = _document()
    _linking_page(site, document)
    document.delete()
    request = RequestFactory().get("/admin/")
    request.user = UserFactory()  # no page permission anywhere
    assert pages_to_review_panels(request) == []
    request.user = UserFactory(is_superuser=True)
    assert len(pages_to_review_panels(request)) == 1
