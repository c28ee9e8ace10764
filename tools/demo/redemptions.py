"""Demo data of care vouchers spent: over the last three months, about sixty of the demo's
voucher holders attended the demo day-care centre (a full day, a morning with lunch, lunch
alone, a bath), each month within the ¥80 credited for it, and a few were visited at home with
a signed receipt; and about thirty holders of 沙溪镇 were visited at home by the home-care
provider of ``tools.demo.home_care`` (cleaning, personal care, a bath, an escort to the doctor),
the family typing the PIN on the carer's phone or, now and then, signing a receipt. Every
service goes through the redemption service as the provider's administrator would record it,
so nothing is ever refused and every balance stays the sum of its ledger."""

import io
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from tools.demo.seeding import SeedLog, demo_step
from tools.demo.vouchers import FAMILY_NAMES, GIVEN_NAMES, HOLDERS, ROADS, _months_back

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONTRACT = "TCMZ-2026-005"
SERVED = 60
HOME_VISITS = 5
# What one attendance is: (service name, start), services one after the other, never overlapping.
VISITS = [
    [("日间照料（全天）", time(8, 0))],
    [("日间照料（半天）", time(8, 0)), ("午餐", time(11, 30))],
    [("午餐", time(11, 30))],
    [("助浴", time(14, 0))],
]


def _demo_pins(today: date) -> dict[str, str]:
    """The PIN each demo holder chose, by identity number: the voucher step's random draws
    (seed 23) taken again in the same order. Each PIN is checked against the card before use,
    so a change of that step only makes holders drop out of this one, never a wrong PIN."""
    from incubator.kernel.validators import citizen_id_check_character

    rng = random.Random(23)
    pins = {}
    for index in range(HOLDERS):
        born = date(rng.randint(1926, today.year - 81), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"320585{born:%Y%m%d}{index:03d}"
        rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)
        guardian = rng.random() < 0.6
        pin = f"{rng.randint(0, 999999):06d}" if index else "258013"
        rng.choice(ROADS), rng.randint(1, 300), rng.randint(10000000, 99999999)
        if guardian:
            rng.choice(FAMILY_NAMES), rng.choice(["强", "芳", "磊", "婷"])
            rng.choice(["儿子", "女儿", "儿媳"])
        pins[first17 + citizen_id_check_character(first17)] = pin
    return pins


def _site_and_recorder(reference: str, kind: str):
    """The site of ``kind`` (with its offer) on the contract of tender ``reference`` and its
    provider's administrator, who records its services; (None, None) until both exist and the
    administrator may record there."""
    from tenders.models import Contract
    from tenders.site_selectors import with_offer
    from tenders.voucher_api import sites_user_records_vouchers_at

    contract = Contract.objects.filter(tender__reference=reference).first()
    if contract is None:
        return None, None
    site = with_offer(contract.sites.filter(kind=kind)).first()
    admin = contract.organisation.memberships.filter(role="admin", ended_at__isnull=True).first()
    if site is None or admin is None:
        return None, None
    if not sites_user_records_vouchers_at(admin.user).filter(pk=site.pk).exists():
        return None, None
    return site, admin.user


def _holders(today: date, **conditions) -> list:
    """(holder, PIN) of the demo's holders that meet ``conditions`` and whose PIN opens their
    card, in the voucher step's order."""
    from incubator.kernel.personal_data import personal_digest
    from subsidies.models import Resident
    from subsidies.services.vouchers import resident_by_card

    holders = []
    for citizen_id, pin in _demo_pins(today).items():
        resident = Resident.objects.filter(
            citizen_id_digest=personal_digest(citizen_id), **conditions
        ).first()
        if resident is not None and resident_by_card(resident.card_number, pin) is not None:
            holders.append((resident, pin))
    return holders


def _recorded(by, site, service, resident, pin, served_at, minutes, *, photo, hours_later):
    """One service recorded through the redemption service by ``by``, ``hours_later`` after
    it was given: with the card and PIN, or with the photo of the signed receipt."""
    from subsidies.services.redemptions import redemption_record

    return redemption_record(
        by=by,
        site=site,
        service=service,
        resident_card=resident.card_number,
        pin=None if photo else pin,
        receipt_photo=photo,
        served_at=served_at,
        duration_minutes=minutes,
        now=served_at + timedelta(hours=hours_later),
    )


def _receipt_photo(rng: random.Random):
    """A photographed receipt: a white slip with printed lines and a signature's scrawl."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), "white")
    draw = ImageDraw.Draw(image)
    for row in range(5):
        draw.line((30, 50 + row * 40, 450, 50 + row * 40), fill=(150, 150, 150), width=2)
    points = [(260 + step * 12, 260 + rng.randint(-14, 14)) for step in range(14)]
    draw.line(points, fill=(20, 30, 120), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return SimpleUploadedFile("receipt.jpg", buffer.getvalue(), content_type="image/jpeg")


def _open_days(site, month: date, today: date) -> list[date]:
    from tenders.site_selectors import open_on

    days, day = [], month
    while day.month == month.month and day < today:
        if open_on(site, day):
            days.append(day)
        day += timedelta(days=1)
    return days


@demo_step(order=93)
def seed_redemptions(log: SeedLog) -> None:
    """Three months of services paid with vouchers at the demo day-care centre."""
    from subsidies.models import Redemption

    centre, by = _site_and_recorder(CONTRACT, "day_care")
    if centre is None or Redemption.objects.filter(site=centre).exists():
        return
    services = {service.name: service for service in centre.services.all()}
    today = timezone.localdate()
    months = _months_back(today, 3)
    rng = random.Random(93)
    holders = _holders(today, enrolled_on__lte=months[0])
    chosen = rng.sample(holders, min(SERVED, len(holders)))
    count, total = 0, Decimal("0.00")

    def record(resident, pin, name, served_at, minutes=None, photo=None):
        nonlocal count, total
        service = services[name]
        redemption = _recorded(
            by, centre, service, resident, pin, served_at, minutes or service.duration_minutes,
            photo=photo, hours_later=9,  # recorded the same day
        )  # fmt: skip
        recorded_at = served_at + timedelta(minutes=rng.randint(5, 90))
        Redemption.objects.filter(pk=redemption.pk).update(recorded_at=recorded_at)
        count, total = count + 1, total + redemption.amount
        return redemption.amount

    for resident, pin in chosen:
        for month in months:
            days = _open_days(centre, month, today)
            budget = Decimal("80.00")
            for day in sorted(rng.sample(days, min(len(days), rng.randint(1, 3)))):
                visit = rng.choice(VISITS)
                cost = sum(services[name].voucher_price for name, _start in visit)
                if cost > budget:
                    continue
                for name, start in visit:
                    served_at = datetime.combine(day, start, tzinfo=SHANGHAI)
                    budget -= record(resident, pin, name, served_at)
    # A few home-care visits (an hour at ¥30) with the receipt the resident signed.
    for resident, pin in chosen[:HOME_VISITS]:
        resident.refresh_from_db()
        days = _open_days(centre, months[-1], today)
        if resident.balance >= Decimal("30.00") and days:
            served_at = datetime.combine(rng.choice(days), time(15, 0), tzinfo=SHANGHAI)
            if not resident.redemptions.filter(
                served_at__lt=served_at + timedelta(hours=1),
                ends_at__gt=served_at,
            ).exists():
                record(resident, pin, "上门照护", served_at, 60, _receipt_photo(rng))
    log.add(f"{count} voucher services (¥{total}) at {centre.name} for {len(chosen)} holders")


# What one home visit is: (service name, minutes), within the month's ¥80.
HOME_VISITS_AT_HOME = [
    ("上门助洁", 60),
    ("上门照护（生活照料）", 60),
    ("上门照护（生活照料）", 90),
    ("上门助浴", 90),
    ("陪同就医", 120),
]
SERVED_AT_HOME = 30


@demo_step(order=93)
def seed_redemptions_at_home(log: SeedLog) -> None:
    """Three months of home visits paid with vouchers by the home-care provider of 沙溪镇 (after
    the day-care centre's services, whose holders it leaves alone)."""
    from subsidies.models import Redemption
    from tools.demo.home_care import REFERENCE

    base, by = _site_and_recorder(REFERENCE, "home_care_base")
    if base is None or Redemption.objects.filter(site=base).exists():
        return
    services = {service.name: service for service in base.services.all()}
    today = timezone.localdate()
    months = _months_back(today, 3)
    rng = random.Random(931)
    holders = _holders(
        today, enrolled_on__lte=months[0], community__town=base.town, redemptions__isnull=True
    )
    chosen = rng.sample(holders, min(SERVED_AT_HOME, len(holders)))
    count, total = 0, Decimal("0.00")
    for resident, pin in chosen:
        for month in months:
            days = _open_days(base, month, today)
            budget = Decimal("80.00")
            for day in sorted(rng.sample(days, min(len(days), rng.randint(1, 2)))):
                name, minutes = rng.choice(HOME_VISITS_AT_HOME)
                service = services[name]
                hours = Decimal(minutes) / 60 if service.unit == "hour" else 1
                if service.voucher_price * hours > budget:
                    continue
                served_at = datetime.combine(day, time(rng.choice([9, 10, 14, 15])), SHANGHAI)
                photo = _receipt_photo(rng) if rng.random() < 0.2 else None
                redemption = _recorded(
                    by, base, service, resident, pin, served_at, minutes,
                    photo=photo, hours_later=4,  # recorded back at the base
                )  # fmt: skip
                budget -= redemption.amount
                count, total = count + 1, total + redemption.amount
    log.add(f"{count} voucher services (¥{total}) at home from {base.name}, {len(chosen)} holders")
