"""Bulk builder of the care vouchers for the bench (see ``data``): at full size the city's
40,000 residents aged 80 and over enrolled across its towns' communities (one community for
about 250 holders), 60 service sites of running, published contracts with their price lists
and opening hours (enough for the directory), the credits of the two months before this one
and the services paid with vouchers in them (three holders in four served once a month), each
with its ledger debit and its receipt's feedback code. A provider organisation of the bench
gets an administrator (``bench-provider``) who records services and claims them.

Every balance is the sum of its holder's entries (``check_voucher_ledger`` passes): a month's
services never exceed its credit. The rows go in through PostgreSQL's COPY (with ids drawn from
the tables' sequences first), elsewhere through ``bulk_create``; never through the services.
``grow`` only adds what is missing, so a run can build one tenth, measure, then grow."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from incubator.kernel.personal_data import encrypt_personal, personal_digest
from incubator.kernel.services.dates import add_months
from incubator.kernel.validators import citizen_id_check_character, mask_citizen_id
from tools.bench.data import BATCH, DISTRICTS

BENCH_PIN = "258013"
PROVIDER_USER = "bench-provider"
HOLDERS_PER_COMMUNITY = 250
COMMUNITY_KINDS = ["社区", "村"]
FAMILY_NAMES = "王李张刘陈杨黄赵吴周徐孙朱马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾顾陆钱沈"
GIVEN_NAMES = ["秀英", "桂英", "玉兰", "建国", "国平", "志刚", "金福", "根宝", "美华", "惠芬"]
SITE_KINDS = ["day_care", "canteen", "home_care_base", "service_point"]
SITE_KIND_NAMES = {
    "day_care": "日间照料中心",
    "canteen": "老年助餐点",
    "home_care_base": "居家养老服务站",
    "service_point": "为老服务点",
}
# (type, name, unit, price, voucher price, minutes): four of five payable with vouchers.
PRICE_LIST = [
    ("meals", "午餐", "meal", Decimal("15.00"), Decimal("10.00"), 45),
    ("day_care", "日间照料（半天）", "day", Decimal("40.00"), Decimal("30.00"), 240),
    ("bathing", "助浴", "visit", Decimal("45.00"), Decimal("30.00"), 60),
    ("home_care", "上门照护", "visit", Decimal("60.00"), Decimal("40.00"), 60),
    ("cleaning", "上门助洁", "hour", Decimal("50.00"), None, 60),
]
PAYABLE = [row for row in PRICE_LIST if row[4] is not None]
# Monday to Friday 08:00–11:30 and 13:30–17:00, Saturday morning.
HOURS = [(day, time(8), time(11, 30)) for day in range(5)]
HOURS += [(day, time(13, 30), time(17)) for day in range(5)] + [(5, time(8), time(11, 30))]
BIRTH_DAYS = 7300  # birth dates spread over twenty years, all 80 or over
CARD_BASE = 90_000_000_000  # bench card bodies: 9 followed by the holder's number
CITIZEN_SEQUENCE = 500  # the identity numbers' sequence digits start here (the demo's below)


def grow(holders: int, sites: int) -> dict[str, int]:
    """Add voucher holders and service sites until the database holds ``holders`` and
    ``sites`` (demo rows included), with their ledgers and services paid; returns the counts."""
    from subsidies.models import Resident
    from tenders.models import ServiceSite

    with transaction.atomic():
        scheme = _scheme()
        communities = _communities(-(-holders // HOLDERS_PER_COMMUNITY))
        provider = _provider()
        _offer(_sites(sites - ServiceSite.objects.count(), provider))
        needed = holders - Resident.objects.count()
        if needed > 0:
            _holders(needed, scheme, communities)
    return {
        "voucher_holders": Resident.objects.count(),
        "voucher_sites": ServiceSite.objects.count(),
        **counts(),
    }


def counts() -> dict[str, int]:
    """How many ledger entries and services paid with vouchers there are (the holders and
    sites are in ``data.counts``)."""
    from subsidies.models import LedgerEntry, Redemption

    return {
        "ledger_entries": LedgerEntry.objects.count(),
        "redemptions": Redemption.objects.count(),
    }


def months(today: date | None = None) -> tuple[date, date, date]:
    """The two months built (before last, last) and this month, which the bench's credit run
    credits."""
    this = (today or timezone.localdate()).replace(day=1)
    return add_months(this, -2), add_months(this, -1), this


def _scheme():
    """The scheme in force (the demo's), or the city's default one: 80 and over, ¥80 a month."""
    from subsidies.models import AgeBand, VoucherScheme

    scheme = VoucherScheme.objects.filter(active=True).first()
    if scheme is None:
        first = months()[0]
        scheme = VoucherScheme.objects.create(
            name=f"太仓市高龄老人养老服务补贴（{first.year}年）",
            starts_on=date(first.year, 1, 1),
            eligible_service_types=["day_care", "meals", "home_care", "bathing"],
        )
        AgeBand.objects.create(scheme=scheme, min_age=80, monthly_amount=Decimal("80.00"))
    if scheme.starts_on > months()[0]:
        raise RuntimeError("The voucher scheme in force starts after the months the bench builds.")
    return scheme


def _communities(target: int) -> list:
    """At least ``target`` communities, spread over the city's towns (the demo's kept)."""
    from subsidies.models import Community

    start = Community.objects.filter(name__startswith="基准").count()
    Community.objects.bulk_create(
        Community(
            town=DISTRICTS[n % len(DISTRICTS)],
            name=f"基准{n:04d}{COMMUNITY_KINDS[n % len(COMMUNITY_KINDS)]}",
        )
        for n in range(start, max(start, target))
    )
    return list(Community.objects.filter(name__startswith="基准").order_by("pk"))


def _running_contracts() -> list[int]:
    """The bench's contracts that are published and still running: their sites are public."""
    from tenders.models import Contract

    return list(
        Contract.objects.filter(
            tender__reference__startswith="BENCH-",
            published_at__isnull=False,
            ends_on__gte=timezone.localdate(),
            starts_on__lte=timezone.localdate(),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _sites(needed: int, provider) -> list:
    """``needed`` more sites, over the running contracts in turn (the bench provider's
    first); five in six take vouchers."""
    from subsidies.models import Community
    from tenders.models import Contract, ServiceSite

    if needed <= 0:
        return []
    running = _running_contracts()
    own = set(Contract.objects.filter(pk__in=running, organisation=provider).values_list("pk"))
    own = {pk for (pk,) in own}
    contracts = [pk for pk in running if pk in own] + [pk for pk in running if pk not in own]
    if not contracts:
        raise RuntimeError("No running, published bench contract to run service sites under.")
    start = ServiceSite.objects.filter(name__startswith="基准").count()
    places = list(
        Community.objects.filter(name__startswith="基准").order_by("pk")[: start + needed]
    )
    rows = []
    for n in range(start, start + needed):
        kind = SITE_KINDS[n % len(SITE_KINDS)]
        town = DISTRICTS[n % len(DISTRICTS)]
        community = places[n].name if n < len(places) else f"基准{n:04d}社区"
        if n < len(places):
            town = places[n].town
        rows.append(
            ServiceSite(
                contract_id=contracts[n % len(contracts)],
                name=f"基准{town}{community}{SITE_KIND_NAMES[kind]}{n:04d}",
                kind=kind,
                town=town,
                community=community,
                address=f"江苏省太仓市{town}{community}文化路{n % 200 + 1}号",
                phone=f"0512-5{n % 1000:03d} {n % 10000:04d}",
                directions=f"乘{n % 30 + 1}路公交车到{community}站，向东步行200米。",
                step_free=n % 3 != 0,
                accessible_toilet=n % 2 == 0,
                lift=n % 5 == 0,
                accepts_vouchers=n % 6 != 5,
            )
        )
    return ServiceSite.objects.bulk_create(rows, batch_size=BATCH)


def _offer(sites: list) -> None:
    """Each new site's price list and weekly opening hours."""
    from tenders.models import SiteOpeningHours, SiteService

    SiteService.objects.bulk_create(
        (
            SiteService(
                site_id=site.pk,
                service_type=kind,
                name=name,
                unit=unit,
                price=price,
                voucher_price=voucher,
                duration_minutes=minutes,
            )
            for site in sites
            for kind, name, unit, price, voucher, minutes in PRICE_LIST
        ),
        batch_size=BATCH,
    )
    SiteOpeningHours.objects.bulk_create(
        (
            SiteOpeningHours(site_id=site.pk, weekday=day, opens=opens, closes=closes)
            for site in sites
            for day, opens, closes in HOURS
        ),
        batch_size=BATCH,
    )


def _provider():
    """The bench provider whose administrator records and claims services: the organisation
    of the first running bench contract, preferring one without members and never one with a
    claim of the months built (the demo's provider keeps its own claims), with
    ``bench-provider`` as an admin."""
    from django.db.models import Exists, OuterRef

    from incubator.incubation.services.memberships import membership_create
    from incubator.models import Organisation, OrganisationMembership
    from subsidies.models import Claim
    from tenders.models import Contract

    user, _created = get_user_model().objects.get_or_create(
        username=PROVIDER_USER,
        defaults={"email": "provider@bench.example", "first_name": "服务商", "last_name": "基准"},
    )
    membership = OrganisationMembership.objects.filter(user=user, ended_at__isnull=True).first()
    if membership is not None:
        return membership.organisation
    members = OrganisationMembership.objects.filter(organisation=OuterRef("organisation"))
    contract = (
        Contract.objects.filter(pk__in=_running_contracts())
        .exclude(organisation__in=Claim.objects.filter(month__in=months()).values("organisation"))
        .annotate(has_members=Exists(members))
        .order_by("has_members", "pk")
        .first()
    )
    if contract is None:
        raise RuntimeError("No running bench contract of an organisation without claims.")
    organisation = Organisation.objects.get(pk=contract.organisation_id)
    membership_create(organisation=organisation, user=user, role="admin")
    return organisation


def _holders(needed: int, scheme, communities: list) -> None:
    """``needed`` more holders, each with the credits of the months built and, three in four
    a month, one service paid at a bench site that takes vouchers."""
    from subsidies.models import Resident
    from tenders.models import ServiceSite, SiteService

    recorder = get_user_model().objects.get(username=PROVIDER_USER)
    start = Resident.objects.filter(address__startswith="基准").count()
    sites = list(
        ServiceSite.objects.filter(name__startswith="基准", accepts_vouchers=True)
        .order_by("pk")
        .values_list("pk", "name")
    )
    services = {}
    for service in SiteService.objects.filter(
        site__in=[pk for pk, _name in sites], voucher_price__isnull=False
    ).order_by("pk"):
        services.setdefault(service.site_id, []).append(service)
    existing_cards = set(Resident.objects.values_list("card_number", flat=True))
    today = timezone.localdate()
    built = months(today)[:2]
    token = encrypt_personal("320585194001015001")  # one token: nobody reveals a bench number
    now = timezone.now()
    for first in range(start, start + needed, BATCH * 5):
        numbers = range(first, min(start + needed, first + BATCH * 5))
        rows, ledgers = [], []
        for n in numbers:
            born = date(1926, 1, 1) + timedelta(days=n % BIRTH_DAYS)
            first17 = f"320585{born:%Y%m%d}{CITIZEN_SEQUENCE + n // BIRTH_DAYS:03d}"
            number = first17 + citizen_id_check_character(first17)
            body = str(CARD_BASE + n)
            card = body + _luhn(body)
            while card in existing_cards:  # a demo card drawn in the bench's range
                body = str(int(body) + 5_000_000_000)
                card = body + _luhn(body)
            community = communities[n % len(communities)]
            rows.append(
                {
                    "family_name": FAMILY_NAMES[n % len(FAMILY_NAMES)],
                    "given_name": GIVEN_NAMES[n % len(GIVEN_NAMES)],
                    "citizen_id_token": token,
                    "citizen_id_digest": personal_digest(number),
                    "citizen_id_masked": mask_citizen_id(number),
                    "birth_date": born,
                    "community_id": community.pk,
                    "address": f"基准{community.name}{n % 300 + 1}号",
                    "phone": f"139{n:08d}",
                    "guardian_name": "",
                    "guardian_relation": "",
                    "guardian_phone": "",
                    "card_number": card,
                    "pin_digest": personal_digest(f"voucher-pin:{card}:{BENCH_PIN}"),
                    "balance": Decimal("0.00"),
                    "status": "active",
                    "status_on": None,
                    "enrolled_on": scheme.starts_on,
                    "enrolled_by_id": None,
                    "purpose_explained": True,
                }
            )
            ledgers.append(_ledger(n, scheme, built, sites, services, recorder.pk, now))
        ids = insert(Resident, rows)
        _entries(ids, ledgers, scheme)


def _ledger(n, scheme, built, sites, services, recorder_id, now):
    """Holder ``n``'s credits and services paid: (month, service or None, served_at)."""
    plan = []
    for position, month in enumerate(built):
        served = None
        if sites and (n + position) % 4 != 0:
            site_id, site_name = sites[n % len(sites)]
            service = services[site_id][(n // len(sites) + position) % len(services[site_id])]
            day = 1 + (n * 7 + position) % 27
            moment = datetime.combine(month.replace(day=day), time(8 + n % 9, (n * 13) % 4 * 15))
            served = (site_id, site_name, service, timezone.make_aware(moment))
        plan.append((month, served))
    return plan


def _entries(ids: list[int], ledgers: list, scheme) -> None:
    """The credits, debits, receipt codes and redemptions of the holders ``ids``; then each
    holder's balance, their sum."""
    from subsidies.models import LedgerEntry, Redemption, Resident
    from tenders.models import FeedbackCode
    from tenders.services.feedback import RECEIPT_BATCH

    recorder = get_user_model().objects.get(username=PROVIDER_USER).pk
    credits, debits, codes, served_rows, balances = [], [], [], [], {}
    code_start = FeedbackCode.objects.filter(code__startswith="r").count()
    for resident_id, plan in zip(ids, ledgers, strict=True):
        balance = Decimal("0.00")
        for month, served in plan:
            amount = Decimal("80.00")
            credits.append(
                {
                    "resident_id": resident_id,
                    "kind": "credit",
                    "amount": amount,
                    "month": month,
                    "expires_on": scheme.expires_on(month),
                    "scheme_id": scheme.pk,
                    "note": "",
                    "created_at": timezone.make_aware(datetime.combine(month, time(1))),
                    "created_by_id": None,
                }
            )
            balance += amount
            if served is None:
                continue
            site_id, site_name, service, served_at = served
            price = service.voucher_price
            balance -= price
            debits.append(
                {
                    "resident_id": resident_id,
                    "kind": "debit",
                    "amount": -price,
                    "month": None,
                    "expires_on": None,
                    "scheme_id": None,
                    "note": f"{site_name} · {service.name}",
                    "created_at": served_at + timedelta(minutes=service.duration_minutes + 5),
                    "created_by_id": recorder,
                }
            )
            codes.append(
                {
                    "site_id": site_id,
                    "code": f"r{code_start + len(codes):09d}",
                    "batch": RECEIPT_BATCH,
                    "created_at": served_at,
                    "created_by_id": None,
                    "used_at": None,
                }
            )
            served_rows.append((resident_id, site_id, service, served_at))
        balances.setdefault(balance, []).append(resident_id)
    insert(LedgerEntry, credits)
    debit_ids = insert(LedgerEntry, debits)
    code_ids = insert(FeedbackCode, codes)
    insert(
        Redemption,
        [
            {
                "resident_id": resident_id,
                "site_id": site_id,
                "service_id": service.pk,
                "service_type": service.service_type,
                "service_name": service.name,
                "unit": service.unit,
                "unit_price": service.voucher_price,
                "quantity": Decimal("1.00"),
                "amount": service.voucher_price,
                "served_at": served_at,
                "duration_minutes": service.duration_minutes,
                "ends_at": served_at + timedelta(minutes=service.duration_minutes),
                "method": "card_pin",
                "receipt_photo": "",
                "debit_id": debit_id,
                "feedback_code_id": code_id,
                "recorded_by_id": recorder,
                "recorded_at": served_at + timedelta(minutes=service.duration_minutes + 5),
                "claim_id": None,
            }
            for (resident_id, site_id, service, served_at), debit_id, code_id in zip(
                served_rows, debit_ids, code_ids, strict=True
            )
        ],
    )
    for balance, pks in balances.items():
        Resident.objects.filter(pk__in=pks).update(balance=balance)


def _luhn(digits: str) -> str:
    from subsidies.models.vouchers import luhn_check_digit

    return luhn_check_digit(digits)


def insert(model, rows: list[dict]) -> list[int]:
    """Insert ``rows`` (attribute names to values, every column given) and return their ids,
    in order: on PostgreSQL ids drawn from the table's sequence and the rows copied in (COPY),
    elsewhere ``bulk_create``."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = model.objects.bulk_create((model(**row) for row in rows), batch_size=BATCH)
        return [row.pk for row in created]
    table = model._meta.db_table
    names = list(rows[0])
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in names
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor  # psycopg's own cursor: COPY
        with raw.copy(
            f"COPY {connection.ops.quote_name(table)} (id, {columns}) FROM STDIN"
        ) as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row([pk, *(row[name] for name in names)])
    return ids
