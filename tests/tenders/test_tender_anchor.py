"""The tender row: every language page of a tender shares one ``Tender``, which holds the
process (bids, questions, awards, evaluator rights) and follows the approved source page; the
migration that introduced it turns existing pages and their rows into anchored tenders."""

from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest
from guardian.shortcuts import assign_perm, get_perms

from incubator.kernel.roles import Role
from tenders.models import Tender, TenderAward, TenderBid, TenderPage
from tenders.selectors import standing_award
from tests.factories import (
    awarded,
    bidder,
    staff_with_role,
    submitted_bid,
    tender_index,
    tender_page,
)
from tests.factories.tenders import en_locale

BEFORE = [("tenders", "0005_tender_document_survives_deleted_document")]
AFTER = [("tenders", "0007_rows_belong_to_tender")]


@pytest.fixture
def en_index(site):
    return tender_index(site.home_en)


def test_a_new_tender_page_makes_its_tender_with_its_id_and_facts(index):
    page = tender_page(index)
    page.refresh_from_db()
    tender = Tender.objects.get(pages=page)
    assert tender.pk == page.pk == page.tender_id
    assert tender.translation_key == page.translation_key
    assert (tender.reference, tender.deadline) == (page.reference, page.deadline)
    assert tender.first_published_at == page.first_published_at


def test_a_translation_made_in_wagtail_joins_the_same_tender(site, index):
    source = tender_page(index)
    english = source.copy_for_translation(en_locale(), copy_parents=True)
    english.title = "Home care"
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.tender_id == source.tender_id
    assert Tender.objects.count() == 1
    assert set(source.tender.pages.values_list("pk", flat=True)) == {source.pk, english.pk}


def test_a_translation_does_not_change_the_tenders_facts(index, en_index):
    source = tender_page(index)
    tender_page(en_index, source=source, deadline=source.deadline + timedelta(days=3))
    assert Tender.objects.get().deadline == source.deadline


def test_publishing_the_source_page_moves_the_tenders_facts(index):
    page = tender_page(index)
    later = page.deadline + timedelta(days=2)
    page.deadline = later
    page.save_revision()
    assert Tender.objects.get().deadline != later  # a draft changes nothing
    page.get_latest_revision().publish()
    assert Tender.objects.get().deadline == later


def test_a_copy_is_a_tender_of_its_own(index):
    tender = tender_page(index)
    copy = tender.copy(update_attrs={"slug": "copied", "reference": "TCMZ-COPY"})
    assert copy.tender_id == copy.pk != tender.tender_id


def test_bids_and_the_award_are_reached_from_both_language_pages(index, en_index):
    source, bids = awarded(index)
    english = tender_page(en_index, source=source, title="Home care")
    organisation, admin = bidder()
    for page in (source, english):
        assert set(page.tender.bids.all()) == set(bids)
        assert standing_award(page) == TenderAward.objects.get()
    assert TenderBid.objects.filter(tender__pages=english).count() == len(bids)
    assert source.tender.page_in("en") == english
    assert source.tender.page_in("zh-hans") == source


def test_a_bid_through_the_english_page_belongs_to_the_tender(index, en_index):
    source = tender_page(index)
    english = tender_page(en_index, source=source, title="Home care")
    organisation, admin = bidder()
    bid = submitted_bid(english, organisation, admin)
    assert bid.tender == source.tender == english.tender
    assert bid.tender_id == source.pk


def test_the_public_english_page_shows_the_award(client, index, en_index):
    source, bids = awarded(index)
    english = tender_page(en_index, source=source, title="Home care")
    html = client.get(english.url).content.decode()
    assert bids[0].organisation.name in html


@pytest.mark.django_db(transaction=True)
def test_the_migration_anchors_existing_pages_bids_and_evaluators():
    """Back to the schema before tenders had rows, then forward: every translation group
    becomes one tender with its first page's id, and its rows and evaluators follow."""
    from tests.factories import build_public_site

    site = build_public_site(guidance_count=0)
    index, en_index = tender_index(site.home_zh), tender_index(site.home_en)
    now = timezone.now()
    source = tender_page(index, opens_at=now - timedelta(days=20), deadline=now - timedelta(1))
    english = tender_page(en_index, source=source, title="Home care")
    other = tender_page(index)
    organisation, admin = bidder()
    bid = submitted_bid(source, organisation, admin, now=now - timedelta(days=2))
    evaluator = staff_with_role(Role.EVALUATOR)
    assign_perm("tenders.evaluate_tender", evaluator, source.tender)

    MigrationExecutor(connection).migrate(BEFORE)
    assert not any(
        f.name == "tender_id"
        for f in connection.introspection.get_table_description(
            connection.cursor(), "tenders_tenderpage"
        )
    )
    MigrationExecutor(connection).migrate(AFTER)

    # Only the columns of that state: later migrations add fields the current model reads.
    tenders = {
        tender.pk: tender for tender in Tender.objects.only("pk", "translation_key", "reference")
    }
    assert set(tenders) == {source.pk, other.pk}
    assert tenders[source.pk].translation_key == source.translation_key
    assert tenders[source.pk].reference == source.reference
    pages = dict(TenderPage.objects.values_list("pk", "tender"))
    assert pages == {source.pk: source.pk, english.pk: source.pk, other.pk: other.pk}
    assert TenderBid.objects.get(pk=bid.pk).tender_id == source.pk
    assert get_perms(evaluator, tenders[source.pk]) == ["evaluate_tender"]
    english_tender = TenderPage.objects.values_list("tender", flat=True).get(pk=english.pk)
    assert TenderBid.objects.get(tender_id=english_tender) == bid
