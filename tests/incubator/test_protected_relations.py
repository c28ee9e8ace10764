"""Every model that others point at with PROTECT (or RESTRICT) is refused deletion with a
clear message before anything is tried, and wherever the back office offers to delete it the
offer is guarded: no ProtectedError reaches a user."""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail import hooks
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale, Page

import pytest

from cms.wagtail_hooks import refuse_deleting_pages_with_history
from incubator.kernel.deletion import deletion_refusal, protected_dependants
from incubator.kernel.request_errors import RequestErrorsMiddleware
from incubator.kernel.viewsets import _RefuseProtectedDeleteMixin
from tests.factories import UserFactory
from tests.factories.pages import default_site
from tests.permissions.world import build_world as _build_world

pytestmark = pytest.mark.django_db

# Targets no back-office screen of ours deletes: Wagtail's own screens for them (users,
# locales) and every other path are covered by the middleware's net (tested below).
UNGUARDED_BY_DESIGN = {
    "auth.User",  # Wagtail's user screens; staff accounts are deactivated, not deleted
    "contenttypes.ContentType",  # never deleted by hand
    "wagtailcore.Locale",  # Wagtail's locale screen
    "tenders.TenderCriterion",  # edited inside the tender page form (scored ones kept)
    "tenders.TenderBid",  # organisations withdraw bids; nobody deletes them
    "tenders.TenderAward",  # set aside, never deleted
    "tenders.Tender",  # no screen deletes it; its published pages refuse deletion
    "incubator.Incubation",  # ended, never deleted
    "subsidies.Resident",  # a voucher holder is closed (dated death or move), never deleted
    "subsidies.VoucherScheme",  # set out of force, never deleted: its credits point at it
    "subsidies.Community",  # no screen deletes one; its holders move to another
    "subsidies.LedgerEntry",  # immutable: corrected by a new entry, never deleted
    "subsidies.Redemption",  # a service paid with public money: claimed, never deleted
    "tenders.SiteService",  # edited inline on the site's form, which refuses deleting a paid one
    "incubator.Milestone",  # part of an incubation plan
    "tenders.ContractKpi",  # no delete screen: replaced only by setting the KPIs again
    "tenders.ContractAcceptance",  # signed off or changed as a draft, never deleted
    "tenders.ContractEvaluatorGrant",  # revoked or run out, never deleted
    "tenders.FeedbackCode",  # used once or left unused, never deleted (no screen)
}


def build_world():
    default_site()  # the tree root and site the migrations make (absent without them)
    return _build_world()


def protected_relations():
    """(model, field) for every relation whose deletion rule is PROTECT or RESTRICT."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            rule = getattr(getattr(field, "remote_field", None), "on_delete", None)
            if field.concrete and rule in (models.PROTECT, models.RESTRICT):
                yield model, field


def _delete_guarded(target) -> bool:
    if issubclass(target, Page):
        return refuse_deleting_pages_with_history in hooks.get_hooks("before_delete_page")
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model is target:
            return issubclass(viewset.delete_view_class, _RefuseProtectedDeleteMixin)
    return False


def test_every_protected_target_deleted_in_the_back_office_is_guarded():
    unguarded = {
        field.related_model._meta.label
        for _model, field in protected_relations()
        if not _delete_guarded(field.related_model)
    }
    assert unguarded <= UNGUARDED_BY_DESIGN, unguarded - UNGUARDED_BY_DESIGN


def test_every_protected_relation_with_a_record_refuses_deleting_its_target():
    build_world()
    translation.activate("en")
    walked = 0
    for model, field in protected_relations():
        row = model._default_manager.exclude(**{f"{field.name}__isnull": True}).first()
        if row is None:
            continue
        target = getattr(row, field.name)
        if isinstance(target, Page):
            target = target.specific
        walked += 1
        assert protected_dependants([target]) or (
            isinstance(target, Page) and target.deletion_refused()
        ), (model, field.name)
        message = deletion_refusal(target)
        assert message and "cannot be deleted" in message, (model, field.name)
        assert "bid" not in message.lower().replace("bids, evaluation", "") or (
            model._meta.label == "tenders.TenderAward"
        ), message  # bids are never named or counted
    assert walked >= 25  # the world has a record behind most relations
    translation.deactivate()


def test_the_hub_delete_screen_refuses_a_hub_with_organisations(client):
    world = build_world()
    hub = world.objects["space"].hub
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("hubs:delete", args=[hub.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
    assert type(hub).objects.filter(pk=hub.pk).exists()


def test_a_protected_error_from_any_other_path_is_a_message_not_a_500(client):
    """The middleware's net: a view that tries to delete a hub with organisations anyway
    answers 409 with the translated refusal, and nothing is deleted."""
    world = build_world()
    hub = world.objects["space"].hub
    request = RequestFactory().post("/en/anything/")
    request.user = AnonymousUser()
    request.session = {}
    try:
        hub.delete()
    except ProtectedError as error:
        with translation.override("en"):
            response = RequestErrorsMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was deleted" in html and "organisation" in html
    assert type(hub).objects.filter(pk=hub.pk).exists()


def test_the_locale_screen_never_fails_on_a_locale_in_use(client):
    build_world()
    zh = Locale.objects.get(language_code="zh-hans")
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtaillocales:delete", args=[zh.pk])
    client.raise_request_exception = False
    response = client.post(url, HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code < 500
    assert Locale.objects.filter(pk=zh.pk).exists()


def test_an_object_deleted_while_a_view_reads_it_is_not_found():
    """The scanner met one: Wagtail's page listing of a page deleted a moment before."""
    from django.http import Http404

    from cms.models import GuidancePage

    request = RequestFactory().get("/admin/pages/9/")
    with pytest.raises(Http404):
        RequestErrorsMiddleware(lambda r: None).process_exception(
            request, GuidancePage.DoesNotExist("GuidancePage matching query does not exist.")
        )
