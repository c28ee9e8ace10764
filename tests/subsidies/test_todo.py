"""Subsidy items of the task lists: an organisation's drafts, returned and waiting
applications and the schemes it may still apply to; a hub manager's recommendations; a
bureau officer's decisions and payments. Own items only, gone once handled, a constant
number of queries."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from subsidies.services import subsidy_application_submit
from subsidies.services.decisions import subsidy_application_approve, subsidy_application_recommend
from subsidies.services.disbursements import subsidy_application_disburse
from tests.factories import (
    approved_application,
    bureau_officer,
    draft_application,
    letterhead_settings,
    member_of,
    recommended_application,
    scheme_factory,
    submitted_application,
)
from tests.factories.spaces import incubating
from tests.factories.subsidies import hub_manager, org_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _letterhead():
    letterhead_settings()


def _section(html: str, kind: str, *, admin: bool = False) -> str:
    if admin:
        html = html.split('id="dashboard-todo-section"')[1].split('<section class="w-panel')[0]
        return html.split(f'id="todo-{kind}"')[1].split("</section>")[0]
    return html.split(f'id="todo-{kind}"')[1].split("</div>")[0]


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def scheme():
    return scheme_factory(name="2026年度岗位补贴", envelope=Decimal("1000000.00"))


@pytest.fixture
def organisation():
    from tests.factories import HubFactory

    return incubating(HubFactory())


def test_a_draft_needs_the_organisation_and_leaves_when_submitted(client, organisation, scheme):
    application = draft_application(organisation, scheme)
    admin = org_admin(organisation)
    now = _section(_page(client, admin, "/en/portal/"), "now")
    assert "Finish and submit your application to 2026年度岗位补贴" in now
    assert reverse("subsidies:edit", args=[application.pk]) in now
    subsidy_application_submit(application=application, by=admin)
    html = _page(client, admin, "/en/portal/")
    assert "2026年度岗位补贴" not in _section(html, "now")
    assert "Decision on your application to 2026年度岗位补贴" in _section(html, "waiting")


def test_a_member_who_is_not_admin_is_sent_to_the_application_page(client, organisation, scheme):
    application = draft_application(organisation, scheme)
    now = _section(_page(client, member_of(organisation), "/en/portal/"), "now")
    assert reverse("subsidies:detail", args=[application.pk]) in now
    assert reverse("subsidies:edit", args=[application.pk]) not in now


def test_an_open_scheme_is_coming_until_the_organisation_applies(client, organisation, scheme):
    admin = org_admin(organisation) if organisation.memberships.exists() else None
    admin = admin or member_of(organisation, "admin")
    coming = _section(_page(client, admin, "/en/portal/"), "coming")
    assert "Apply for a staff-cost subsidy: 2026年度岗位补贴" in coming
    assert reverse("subsidies:apply", args=[scheme.pk]) in coming
    draft_application(organisation, scheme, by=admin)
    assert "Apply for a staff-cost subsidy" not in _section(
        _page(client, admin, "/en/portal/"), "coming"
    )


def test_an_approved_application_waits_for_payment(client, organisation, scheme):
    approved_application(organisation, scheme, amount=Decimal("20000.00"))
    waiting = _section(_page(client, org_admin(organisation), "/en/portal/"), "waiting")
    assert "Payment of the subsidy from 2026年度岗位补贴" in waiting
    assert "¥20,000.00 left to pay" in waiting


def test_another_organisations_applications_never_appear(client, organisation, scheme):
    from tests.factories import HubFactory

    other = incubating(HubFactory())
    draft_application(other, scheme)
    html = _page(client, member_of(organisation, "admin"), "/en/portal/")
    assert "Finish and submit" not in html


def test_a_hub_manager_recommends_their_hubs_applications_only(client, organisation, scheme):
    from tests.factories import HubFactory

    application = submitted_application(organisation, scheme)
    elsewhere = incubating(HubFactory(), name="别的基地的机构")
    submitted_application(elsewhere, scheme)
    manager = hub_manager(organisation)
    now = _section(_page(client, manager, "/admin/"), "now", admin=True)
    assert organisation.name in now and "别的基地的机构" not in now
    assert reverse("subsidy_applications:inspect", args=[application.pk]) in now
    subsidy_application_recommend(application=application, note="齐全", by=manager)
    assert organisation.name not in _section(_page(client, manager, "/admin/"), "now", admin=True)


def test_a_bureau_officer_decides_then_pays(client, organisation, scheme):
    application = recommended_application(organisation, scheme)
    officer = bureau_officer()
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert "Approve or reject the subsidy application of" in now
    assert reverse("subsidy_applications:inspect", args=[application.pk]) in now
    subsidy_application_approve(
        application=application, approved_amount=Decimal("1000"), by=officer
    )
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert "Approve or reject" not in now
    assert reverse("subsidy_applications:disburse", args=[application.pk]) in now
    subsidy_application_disburse(
        application=application,
        amount=Decimal("1000"),
        paid_on=date(2026, 12, 1),
        payment_reference="FK-1",
        by=officer,
    )
    assert "Record a payment" not in _section(_page(client, officer, "/admin/"), "now", admin=True)


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_organisations_subsidy_items_cost_the_same_queries_with_one_or_many(client, scheme):
    from tests.factories import HubFactory

    organisation = incubating(HubFactory())
    admin = member_of(organisation, "admin")
    draft_application(organisation, scheme, by=admin)
    client.force_login(admin)
    one = _queries(client, "/en/portal/")
    for _ in range(12):
        draft_application(organisation, scheme_factory(), by=admin)
    assert _queries(client, "/en/portal/") == one


def test_the_bureau_takes_each_step_of_a_voucher_claim(client):
    """A submitted claim asks for its sample, a sampled one for the checks and approval, an
    approved one for its payment."""
    from subsidies.services.claims import (
        claim_approve,
        claim_draw_sample,
        claim_sample_check,
        claim_submit,
    )
    from tests.factories.claims import NOVEMBER, november_services, provider_admin
    from tests.factories.redemptions import provider_contract, provider_staff, voucher_site
    from tests.factories.vouchers import voucher_scheme

    scheme = voucher_scheme()
    contract = provider_contract()
    site = voucher_site(contract)
    staff = provider_staff(contract, username="centre_staff")
    november_services(scheme, site, staff, 3)
    officer = bureau_officer()
    claim = claim_submit(
        organisation=contract.organisation, month=NOVEMBER, by=provider_admin(contract)
    )
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert "Draw the sample of the care-voucher claim of" in now
    assert reverse("voucher_claims:inspect", args=[claim.pk]) in now
    claim = claim_draw_sample(claim=claim, by=officer)
    for item in claim.sample.all():
        claim_sample_check(item=item, outcome="confirmed", note="电话回访", by=officer)
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert "Check the sample and approve" in now
    claim_approve(claim=claim, by=officer)
    now = _section(_page(client, officer, "/admin/"), "now", admin=True)
    assert "Record the payment of the care-voucher claim" in now
