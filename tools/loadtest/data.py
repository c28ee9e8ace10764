"""What the load test needs on top of the demo data, and the plan the client follows.

The demo has a handful of incubating organisations, most with a subsidy application already
decided, so a crowd of bidders and applicants needs more: ``LOADTEST_ORGANISATIONS`` extra
incubating organisations (six months into their incubation, so they may bid for the open
tender), each with an admin account ``load-org-NN`` (the demo password), and a subsidy scheme
open now whose envelope the applications together exceed, so that concurrent approvals really
compete for the budget. Organisations come through the same membership service as in the
demo; nothing here is reachable from the site."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from incubator.incubation.selectors import organisations_user_may_manage
from incubator.incubation.services.memberships import membership_create
from incubator.kernel.services.dates import add_months
from incubator.models import Hub, Incubation, Letter, Organisation
from tools.demo.incubation import demo_credit_code
from tools.demo.seeding import DEMO_PASSWORD

SCHEME_NAME = "压力测试岗位补贴（负载测试）"
# Each load organisation asks for about ¥40,000 to ¥60,000: a dozen approvals use it up.
SCHEME_ENVELOPE = Decimal("500000.00")
USERNAME = "load-org-{:02d}"
STAFF = {"bureau": "bureau", "hub_managers": ["hubmanager", "basemanager"]}


def _organisation(number: int, hub: Hub, today) -> Organisation:
    code = f"MJ9{number:05d}A"
    organisation = Organisation.objects.filter(credit_code=demo_credit_code("2", code)).first()
    if organisation is not None:
        return organisation
    organisation = Organisation(
        hub=hub,
        stage=Organisation.Stage.INCUBATING,
        name=f"太仓市负载测试社会工作服务中心{number:02d}",
        name_en=f"Load Test Social Work Centre {number:02d}",
        credit_code=demo_credit_code("2", code),
        legal_form=Organisation.LegalForm.SOCIAL_SERVICE,
        registration_status=Organisation.RegistrationStatus.REGISTERED,
        founded_on=today.replace(day=1) - timedelta(days=700),
        contact_name="测试联系人",
        contact_phone="0512-53500000",
        contact_email=f"load-{number:02d}@demo.taicang.example",
    )
    organisation.full_clean()
    organisation.save()
    started_on = add_months(today, -6)
    Incubation.objects.create(
        organisation=organisation,
        hub=hub,
        started_on=started_on,
        planned_end_on=add_months(started_on, 18) - timedelta(days=1),
    )
    user = get_user_model()(username=USERNAME.format(number), email=organisation.contact_email)
    user.set_password(DEMO_PASSWORD)
    user.save()
    membership_create(organisation=organisation, user=user, role="admin", by=None)
    return organisation


def _scheme(now):
    from subsidies.models import Scheme

    scheme = Scheme.objects.filter(name=SCHEME_NAME).first()
    if scheme is not None:
        return scheme
    scheme = Scheme(
        name=SCHEME_NAME,
        year=now.year,
        envelope=SCHEME_ENVELOPE,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        period_starts_on=now.date().replace(month=1, day=1),
        period_months=12,
        max_months=12,
        max_lines=3,
    )
    scheme.full_clean()
    scheme.save()
    return scheme


@transaction.atomic
def prepare(*, organisations: int) -> dict:
    """Create what the load test needs (idempotent) and return the client's plan: the URLs
    readers visit, the accounts that log in and the objects they act on."""
    from cms.models.pages import GuidancePage
    from tenders.models import TenderPage

    now = timezone.now()
    today = timezone.localdate()
    hubs = list(Hub.objects.order_by("pk"))
    usernames, created = [], []
    for number in range(1, organisations + 1):
        created.append(_organisation(number, hubs[number % len(hubs)], today).pk)
        usernames.append(USERNAME.format(number))
    scheme = _scheme(now)
    staff = [STAFF["bureau"], *STAFF["hub_managers"]]
    # Where each officer allocates seats: the load organisations they manage (the bureau all,
    # a hub manager those of their hub), so the bureau and a manager compete for the same seats.
    allocate = {
        user.username: [
            reverse("organisations:allocate", args=[pk])
            for pk in organisations_user_may_manage(user)
            .filter(pk__in=created)
            .values_list("pk", flat=True)
        ]
        for user in get_user_model().objects.filter(username__in=staff)
    }

    tenders = list(TenderPage.objects.live().public().select_related("tender").order_by("pk"))
    # The portal's bid pages, by tender id (the id of each tender's first page).
    open_tenders = sorted({t.tender_id for t in tenders if t.tender.is_open(now)})
    guidance = GuidancePage.objects.live().public().order_by("pk")
    index = tenders[0].get_parent() if tenders else None
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = TOTPDevice.objects.filter(user__username__in=staff, confirmed=True)
    return {
        # The demo authenticators' secrets, so the client computes the codes an app would.
        "totp_keys": {device.user.username: device.key for device in devices},
        "allocate": allocate,
        "home": "/zh-hans/",
        "tender_index": index.url if index else "/zh-hans/",
        "tender_pages": [page.url for page in tenders],
        "guidance_pages": [page.url for page in guidance],
        "letter_codes": list(
            Letter.objects.order_by("pk").values_list("verification_code", flat=True)[:20]
        ),
        "open_data": ["/open-data/360giving.json", "/open-data/ocds/tenders.json"],
        "open_tenders": open_tenders,
        "scheme": scheme.pk,
        "organisations": usernames,
        "password": DEMO_PASSWORD,
        **STAFF,
    }
