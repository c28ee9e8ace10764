"""One authorization layer: every state-changing service of ``subsidies.services`` checks its
``by`` against the selectors of subsidies before anything else. Everyone but the one who may act
(another organisation's administrator, the organisation's own plain member, the manager of
another hub, the hub manager where the bureau decides, the bureau where the hub or the
organisation acts, an unrelated user, nobody at all) is refused with ``not_allowed`` and nothing
changes. A new public service with a keyword-only ``by`` that this module does not call makes
``test_every_service_with_by_is_covered`` fail."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

import subsidies.services
from incubator.kernel.errors import ServiceError
from subsidies.models import (
    Claim,
    ClaimSampleItem,
    CreditRun,
    Disbursement,
    LedgerEntry,
    Redemption,
    Resident,
    Scheme,
    SubsidyApplication,
    SubsidyAttachment,
    VoucherAnomaly,
)
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_disburse,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
    subsidy_application_save_draft,
    subsidy_application_submit,
    subsidy_application_withdraw,
)
from subsidies.services.anomalies import anomaly_resolve
from subsidies.services.claims import (
    claim_approve,
    claim_draw_sample,
    claim_pay,
    claim_return,
    claim_sample_check,
    claim_submit,
)
from subsidies.services.redemptions import redemption_record
from subsidies.services.vouchers import (
    credit_run,
    resident_enrol,
    resident_record_status,
    resident_reset_pin,
    resident_reveal_citizen_id,
)
from tests.factories import (
    HubFactory,
    OrganisationFactory,
    UserFactory,
    approved_application,
    bureau_officer,
    draft_application,
    letterhead_settings,
    manager_of,
    member_of,
    payroll,
    recommended_application,
    scheme_factory,
    staff_line,
    submitted_application,
)
from tests.factories.claims import NOVEMBER, claims_in_each_state
from tests.factories.redemptions import (
    credited_holder,
    hours_ago,
    provider_contract,
    provider_staff,
    service_of,
    voucher_site,
)
from tests.factories.subsidies import hub_manager, org_admin
from tests.factories.vouchers import PIN, citizen_id, community, enrolled, voucher_scheme
from tests.service_inventory import public_functions, services_with_by

pytestmark = pytest.mark.django_db

# State-changing services without a ``by`` to check: the scheduled credit run, and the ledger's
# debit, a primitive inside the transaction of a caller that checks who acts.
SYSTEM_SERVICES: set[str] = {"vouchers.ledger_debit"}
# Run by the scheduler only (``manage.py expire_vouchers``), no user at all: no screen calls them.
SCHEDULER_ONLY: set[str] = {"expiry.expire_credits", "expiry.scheduled_expiry_run"}


def _public_functions():
    return public_functions(subsidies.services)


def _services_with_by() -> set[str]:
    return services_with_by(subsidies.services)


# Each service: who may call it, and how to call it on the world with ``by``.
CALLS = {
    "applications.subsidy_application_save_draft": (
        "org_admin",
        lambda w, by: subsidy_application_save_draft(
            scheme=w["scheme"],
            organisation=w["organisation"],
            lines=[staff_line(name="王五")],
            attachments=[payroll("other.pdf")],
            application=w["draft"],
            by=by,
        ),
    ),
    "applications.subsidy_application_submit": (
        "org_admin",
        lambda w, by: subsidy_application_submit(application=w["draft"], by=by),
    ),
    "applications.subsidy_application_withdraw": (
        "org_admin",
        lambda w, by: subsidy_application_withdraw(application=w["submitted"], by=by),
    ),
    "decisions.subsidy_application_recommend": (
        "hub_manager",
        lambda w, by: subsidy_application_recommend(
            application=w["submitted"], proposed_amount=None, note="齐全", by=by
        ),
    ),
    "decisions.subsidy_application_return": (
        "hub_manager",
        lambda w, by: subsidy_application_return(
            application=w["submitted"], reason="补充材料", by=by
        ),
    ),
    "decisions.subsidy_application_approve": (
        "bureau",
        lambda w, by: subsidy_application_approve(application=w["recommended"], by=by),
    ),
    "decisions.subsidy_application_reject": (
        "bureau",
        lambda w, by: subsidy_application_reject(
            application=w["recommended"], reason="不符合", by=by
        ),
    ),
    "disbursements.subsidy_application_disburse": (
        "bureau",
        lambda w, by: subsidy_application_disburse(
            application=w["approved"],
            amount=Decimal("100.00"),
            paid_on=date(2026, 7, 1),
            payment_reference="TC-1",
            by=by,
        ),
    ),
    "vouchers.resident_enrol": (
        "bureau",
        lambda w, by: resident_enrol(
            by=by,
            community=w["community"],
            family_name="陆",
            given_name="阿大",
            citizen_id=citizen_id(date(1941, 4, 4)),
            pin=PIN,
            purpose_explained=True,
        ),
    ),
    "vouchers.resident_reveal_citizen_id": (
        "bureau",
        lambda w, by: resident_reveal_citizen_id(resident=w["resident"], by=by, reason="核对"),
    ),
    "vouchers.resident_record_status": (
        "bureau",
        lambda w, by: resident_record_status(
            resident=w["resident"], status="deceased", on=date(2026, 3, 1), by=by
        ),
    ),
    "vouchers.resident_reset_pin": (
        "bureau",
        lambda w, by: resident_reset_pin(resident=w["resident"], pin="802604", by=by),
    ),
    "vouchers.credit_run": (
        "bureau",
        lambda w, by: credit_run(
            scheme=w["voucher_scheme"], month=date(2026, 3, 1), by=by, now=date(2026, 12, 4)
        ),
    ),
    # A care voucher redeemed at a site: by the staff of the organisation that runs it.
    "redemptions.redemption_record": (
        "provider staff",
        lambda w, by: redemption_record(
            by=by,
            site=w["voucher_site"],
            service=service_of(w["voucher_site"], "午餐"),
            resident_card=w["holder"].card_number,
            pin=PIN,
            served_at=hours_ago(2),
            duration_minutes=30,
        ),
    ),
}
# Claims: a month submitted by the provider's admin; sampled, checked, decided and paid by the
# bureau.
CALLS |= {
    "claims.claim_submit": (
        "provider staff",
        lambda w, by: claim_submit(
            organisation=w["voucher_site"].contract.organisation, month=NOVEMBER, by=by
        ),
    ),
    "claims.claim_draw_sample": (
        "bureau",
        lambda w, by: claim_draw_sample(claim=w["claim_submitted"], by=by),
    ),
    "claims.claim_sample_check": (
        "bureau",
        lambda w, by: claim_sample_check(
            item=w["claim_item"], outcome="confirmed", note="电话回访", by=by
        ),
    ),
    "claims.claim_approve": (
        "bureau",
        lambda w, by: claim_approve(claim=w["claim_sampled"], by=by),
    ),
    "claims.claim_return": (
        "bureau",
        lambda w, by: claim_return(claim=w["claim_submitted"], reason="记录有误", by=by),
    ),
    "claims.claim_pay": (
        "bureau",
        lambda w, by: claim_pay(
            claim=w["claim_approved"],
            paid_on=date(2026, 12, 1),
            payment_reference="TR-1",
            by=by,
        ),
    ),
}

# Anomalies: the bureau resolves a flag. (The detection, ``anomalies.detect_anomalies``, and the
# checks run inside the recording of a service or a death take no ``by``: they are the system's.)
CALLS |= {
    "anomalies.anomaly_resolve": (
        "bureau",
        lambda w, by: anomaly_resolve(
            anomaly=w["anomaly"], outcome="confirmed_valid", note="电话核实", by=by
        ),
    ),
}

# A new draft, for an organisation by someone who is not its administrator.
NEW_DRAFT = lambda w, by: subsidy_application_save_draft(  # noqa: E731
    scheme=w["other_scheme"],
    organisation=w["organisation"],
    lines=[staff_line()],
    attachments=[payroll()],
    by=by,
)


@pytest.fixture
def world(monkeypatch):
    """One hub's organisations with an application in each state the services act on, under
    one scheme, and a second scheme nobody has applied to; the people around them."""
    monkeypatch.setattr("incubator.kernel.services.letters.enqueue_render", lambda letter_id: None)
    letterhead_settings()
    hub = HubFactory()
    scheme, other_scheme = scheme_factory(), scheme_factory()
    organisation = OrganisationFactory(hub=hub)
    organisations = OrganisationFactory.create_batch(3, hub=hub)
    another = OrganisationFactory(hub=hub)
    elsewhere = OrganisationFactory()
    provider = provider_contract()
    schemes = {"voucher_scheme": voucher_scheme()}
    # The provider's staff member is its admin: they record services and claim them.
    provider_admin = provider_staff(provider, "admin")
    site = voucher_site(provider)
    holder = credited_holder(
        schemes["voucher_scheme"], given_name="阿婆", months=[timezone.localdate()]
    )
    return {
        "scheme": scheme,
        "other_scheme": other_scheme,
        "organisation": organisation,
        "draft": draft_application(organisation, scheme),
        "submitted": submitted_application(organisations[0], scheme),
        "recommended": recommended_application(organisations[1], scheme),
        "approved": approved_application(organisations[2], scheme),
        "community": community(),
        "resident": enrolled(),
        **schemes,
        # A provider's day-care centre taking vouchers, and a holder with this month's credit.
        "voucher_site": site,
        **claims_in_each_state(schemes["voucher_scheme"], provider, site, provider_admin),
        "holder": holder,
        "anomaly": VoucherAnomaly.objects.create(
            kind="provider_share",
            subject="authorization",
            resident=holder,
            organisation=provider.organisation,
            month=timezone.localdate().replace(day=1),
            raised_at=timezone.now(),
        ),
        "people": {
            "org_admin": None,  # the administrator of each application's organisation
            "hub_manager": hub_manager(organisation),
            "bureau": bureau_officer(),
            "the organisation's plain member": member_of(organisation),
            "another organisation's admin": member_of(another, "admin"),
            "a manager of another hub": manager_of(elsewhere.hub),
            "an unrelated user": UserFactory(),
            "provider staff": provider_admin,
            "nobody": None,
        },
    }


def _state() -> tuple:
    """Everything a subsidy service may change."""
    return (
        list(SubsidyApplication.objects.order_by("pk").values()),
        list(Scheme.objects.order_by("pk").values()),
        SubsidyAttachment.objects.count(),
        list(Disbursement.objects.values_list("pk", flat=True)),
        ModelLogEntry.objects.count(),
        sorted(
            SubsidyApplication.objects.values_list("pk", "lines__name", "lines__eligible_amount")
        ),
        list(Resident.objects.order_by("pk").values()),
        LedgerEntry.objects.count(),
        CreditRun.objects.count(),
        Redemption.objects.count(),
        list(Claim.objects.order_by("pk").values()),
        list(ClaimSampleItem.objects.order_by("pk").values()),
        list(Redemption.objects.order_by("pk").values_list("pk", "claim_id")),
        list(VoucherAnomaly.objects.order_by("pk").values()),
    )


def _refused(call, world, by) -> str | None:
    before = _state()
    try:
        with transaction.atomic():
            call(world, by)
    except ServiceError as error:
        assert _state() == before
        return error.code
    return None


def test_every_service_with_by_is_covered():
    assert _services_with_by() - SYSTEM_SERVICES == set(CALLS), (
        "A state-changing service of subsidies is not covered by this module's CALLS: check "
        "who may call it against subsidies.selectors and add it here."
    )


def test_the_expiry_run_is_the_schedulers_alone():
    names = {name for name, _function in _public_functions()}
    assert names >= SCHEDULER_ONLY
    assert not SCHEDULER_ONLY & _services_with_by()


@pytest.mark.parametrize("service", sorted(CALLS))
def test_everyone_but_the_one_who_may_act_is_refused(world, service):
    actor, call = CALLS[service]
    for label, person in world["people"].items():
        if label in (actor, "org_admin"):
            continue
        assert _refused(call, world, person) == "not_allowed", f"{service} by {label}"


def test_only_an_administrator_of_the_organisation_starts_a_draft(world):
    for label, person in world["people"].items():
        if label == "org_admin":
            continue
        assert _refused(NEW_DRAFT, world, person) == "not_allowed", label
    assert _refused(NEW_DRAFT, world, org_admin(world["organisation"])) is None


@pytest.mark.parametrize("service", sorted(CALLS))
def test_the_one_who_may_act_is_not_refused(world, service):
    actor, call = CALLS[service]
    if actor == "org_admin":
        application = world["submitted"] if "withdraw" in service else world["draft"]
        person = org_admin(application.organisation)
    else:
        person = world["people"][actor]
    assert _refused(call, world, person) is None
