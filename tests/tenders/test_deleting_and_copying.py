"""A tender is never deleted out from under its procurement record, never copied as an alias,
and a plain copy is a fresh draft: own reference, none of the original's process."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from tenders.models import TenderBid, TenderPage
from tests.factories import UserFactory, awarded, bidder, submitted_bid, tender_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _bid_on(tender):
    organisation, admin = bidder()
    return submitted_bid(tender, organisation, admin)


def test_deleting_a_tender_with_bids_is_refused_before_confirmation(client, officer, open_tender):
    _bid_on(open_tender)
    response = client.get(reverse("wagtailadmin_pages:delete", args=[open_tender.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[open_tender.pk])
    (message,) = _messages(response)
    assert "cannot be deleted" in message and "cancel it instead" in message
    assert "bid" not in message.replace("bids, evaluation", "")  # nothing on who or how many


def test_posting_the_deletion_anyway_changes_nothing(client, officer, index):
    tender, bids = awarded(index)
    before = (TenderPage.objects.count(), TenderBid.objects.count())
    response = client.post(reverse("wagtailadmin_pages:delete", args=[tender.pk]))
    assert response.status_code == 302
    assert "cannot be deleted" in _messages(response)[0]
    assert (TenderPage.objects.count(), TenderBid.objects.count()) == before


def test_deleting_the_tender_index_with_a_published_tender_is_refused(client, officer, index):
    tender_page(index)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]))
    assert "cannot be deleted" in _messages(response)[0]
    assert Page.objects.filter(pk=index.pk).exists()


def test_bulk_deleting_a_published_tender_is_refused(client, officer, open_tender):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = client.post(f"{url}?id={open_tender.pk}&next=/admin/")
    assert response.status_code == 302
    assert "cannot be deleted" in _messages(response)[0]
    assert TenderPage.objects.filter(pk=open_tender.pk).exists()


def test_a_draft_tender_never_published_can_be_deleted(client, officer, index):
    draft = tender_page(index, publish=False)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not TenderPage.objects.filter(pk=draft.pk).exists()


def _copy(client, tender, **fields):
    data = {
        "new_title": "复制的项目",
        "new_slug": "copied-tender",
        "new_parent_page": str(tender.get_parent().pk),
        **fields,
    }
    return client.post(reverse("wagtailadmin_pages:copy", args=[tender.pk]), data)


def test_the_copy_form_of_a_tender_offers_no_alias(client, officer, open_tender):
    html = client.get(reverse("wagtailadmin_pages:copy", args=[open_tender.pk])).content.decode()
    assert 'name="new_title"' in html
    assert 'name="alias"' not in html
    assert 'name="publish_copies"' not in html


def test_copying_a_tender_as_an_alias_is_refused(client, officer, open_tender):
    pages = Page.objects.count()
    response = _copy(client, open_tender, alias="on")
    assert response.status_code == 302
    assert "cannot be copied as an alias" in _messages(response)[0]
    assert Page.objects.count() == pages


def test_an_alias_of_a_tender_is_refused_by_the_model_too(open_tender):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        open_tender.create_alias(update_slug="alias-of-tender")
    assert not TenderPage.objects.filter(alias_of=open_tender).exists()


def test_a_plain_copy_is_a_draft_with_a_new_reference_and_none_of_the_process(
    client, officer, index
):
    tender, bids = awarded(index)
    tender.cancelled_at = timezone.now() - timedelta(hours=1)
    tender.cancellation_reason = "预算调整"
    tender.save_revision().publish()
    response = _copy(client, tender)
    copy = TenderPage.objects.exclude(pk=tender.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live
    assert copy.reference == f"{tender.reference}-COPY"
    assert copy.cancelled_at is None and copy.cancellation_reason == ""
    assert [c.name for c in copy.criteria.all()] == [c.name for c in tender.criteria.all()]
    assert not TenderBid.objects.filter(tender=copy.tender).exists()
    assert copy.status() != "awarded" and copy.status() != "cancelled"
    assert TenderBid.objects.filter(tender=tender.tender).count() == len(bids)
    second = _copy(client, tender, new_slug="copied-again")
    assert second.status_code == 302
    assert TenderPage.objects.filter(reference=f"{tender.reference}-COPY2").exists()
