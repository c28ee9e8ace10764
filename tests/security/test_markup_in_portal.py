"""Script and HTML typed into the portal's text fields show escaped on every page that shows
them: the portal, the back office listing and showing them, and the refused form itself."""

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest

from incubator.incubation.portal.forms import DocumentForm, EvidenceForm, ProfileForm
from incubator.models import Organisation
from tests.permissions.world import build_world
from tests.security.hostile import (
    IMG,
    PAYLOAD,
    PDF,
    SCRIPT,
    assert_escaped,
    assert_not_raw,
    page,
    text_fields,
)

pytestmark = pytest.mark.django_db

# Free text the profile accepts; the phone and credit code are refused by their validators.
PROFILE_TEXT = text_fields(ProfileForm, exclude=("credit_code", "contact_phone"))


@pytest.fixture
def world():
    return build_world()


@pytest.fixture(autouse=True)
def _chinese():
    """Pages in Chinese, where headers show the Chinese name, whatever ran before."""
    with translation.override("zh-hans"):
        yield


def _profile_data(organisation, **changes) -> dict:
    form = ProfileForm(instance=organisation)
    data = {}
    for name, bound in ((name, form[name]) for name in form.fields):
        value = bound.value()
        if value in (None, ""):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    data["founded_on"] = ""
    return {**data, **changes}


def test_the_profile_text_fields_are_found_from_the_form():
    assert {"name", "name_en", "contact_name"} <= set(PROFILE_TEXT)


@pytest.mark.parametrize("field", PROFILE_TEXT)
def test_markup_in_the_profile_is_escaped_in_the_portal_and_back_office(client, world, field):
    organisation = world.objects["organisation"]
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("portal:profile"), _profile_data(organisation, **{field: PAYLOAD})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert getattr(Organisation.objects.get(pk=organisation.pk), field) == PAYLOAD
    # Pages that must show the field; the others must at least never run it.
    check = assert_escaped if field == "name" else assert_not_raw
    assert_escaped(page(client, reverse("portal:profile")), where="portal profile")
    check(page(client, reverse("portal:dashboard")), where="portal dashboard")
    client.force_login(world.users["hub_a_manager"])
    assert_escaped(page(client, reverse("organisations:edit", args=[organisation.pk])))
    for url in (
        reverse("organisations:inspect", args=[organisation.pk]),
        reverse("organisations:index"),
        reverse("organisations:allocate", args=[organisation.pk]),
        reverse("allocations:index"),
        reverse("milestones:index"),
        reverse("letters:index"),
        reverse("subsidy_applications:index"),
        reverse("schemes:budget", args=[world.objects["scheme"].pk]),
        reverse("waitlist:serve", args=[world.objects["waitlist_entry"].pk]),
        reverse("organisations:history", args=[organisation.pk]),
    ):
        check(page(client, url), where=url)
    client.force_login(world.users["bureau"])
    tender = world.objects["tender"]
    for url in (
        reverse("tenders_admin:tender", args=[tender.pk]),
        reverse("tenders_admin:bid", args=[world.objects["bid"].pk]),
    ):
        check(page(client, url), where=url)
    # The public: the award notice and the letter verification page name the organisation.
    client.logout()
    check(page(client, tender.url), where="public tender page")
    letter = world.objects["letter"]
    check(page(client, reverse("letter_verify", args=[letter.verification_code])))


def test_a_refused_profile_shows_the_markup_escaped(client, world):
    client.force_login(world.users["org_a_admin"])
    data = _profile_data(world.objects["organisation"], name=PAYLOAD, contact_phone=PAYLOAD)
    response = client.post(reverse("portal:profile"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert_escaped(response.content.decode(), where="refused profile")


def test_markup_in_an_invitation_address_is_refused_and_escaped(client, world):
    mail.outbox.clear()  # what the setup sent (emails now leave with their change, not on commit)
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("portal:invite"), {"email": f"a{IMG}@example.org", "role": "member"}
    )
    assert response.status_code == 200
    assert response.context["invitation_form"].errors
    html = response.content.decode()
    assert "<img src=x" not in html
    assert not mail.outbox


def test_an_invitation_email_is_plain_text_and_keeps_the_name_literal(
    client, world, django_capture_on_commit_callbacks
):
    organisation = world.objects["organisation"]
    Organisation.objects.filter(pk=organisation.pk).update(name=PAYLOAD)
    mail.outbox.clear()  # what the setup sent (emails now leave with their change, not on commit)
    client.force_login(world.users["org_a_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:invite"), {"email": "colleague@example.org", "role": "member"}
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    # Plain text only: no HTML part a mail client could run, and the name exactly as typed.
    assert getattr(message, "alternatives", []) == []
    assert message.content_subtype == "plain"
    assert PAYLOAD in message.body
    assert "\n" not in message.subject


@pytest.mark.parametrize("field", text_fields(DocumentForm))
def test_markup_in_a_document_is_escaped(client, world, field):
    client.force_login(world.users["org_a_admin"])
    response = client.post(
        reverse("portal:documents"),
        {field: PAYLOAD, "kind": "other", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 302
    assert_escaped(page(client, reverse("portal:documents")), where="portal documents")
    client.force_login(world.users["hub_a_manager"])
    url = reverse("organisations:inspect", args=[world.objects["organisation"].pk])
    assert_not_raw(page(client, url), where=url)


@pytest.mark.parametrize("field", text_fields(EvidenceForm))
def test_markup_in_milestone_evidence_is_escaped(client, world, field):
    from tests.factories import milestone_for

    milestone = milestone_for(world.objects["organisation"])
    client.force_login(world.users["org_a_admin"])
    url = reverse("portal:milestone", args=[milestone.pk])
    response = client.post(url, {field: PAYLOAD})
    assert response.status_code == 302
    assert_escaped(page(client, url), where=url)
    client.force_login(world.users["hub_a_manager"])
    assert_escaped(page(client, reverse("milestones:inspect", args=[milestone.pk])))
    assert_not_raw(page(client, reverse("milestones:return", args=[milestone.pk])))


def test_markup_in_a_milestone_return_reason_is_escaped_in_the_portal(client, world):
    from incubator.incubation.services.milestones import milestone_return

    milestone = world.objects["milestone"]
    milestone_return(milestone=milestone, reason=PAYLOAD, by=world.users["hub_a_manager"])
    client.force_login(world.users["org_a_admin"])
    url = reverse("portal:milestone", args=[milestone.pk])
    assert_escaped(page(client, url), where=url)
    notifications = page(client, reverse("notifications"))
    assert SCRIPT not in notifications and "<img src=x" not in notifications
