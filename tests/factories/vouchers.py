"""Care-voucher test data: communities, the scheme (80 and over, ¥80 a month), community
workers and enrolled residents with valid identity numbers."""

import itertools
from datetime import date
from decimal import Decimal

from incubator.kernel.roles import Role
from incubator.kernel.validators import citizen_id_check_character
from subsidies.models import AgeBand, Community, CommunityWorker, VoucherScheme
from subsidies.services.vouchers import resident_enrol

from .organisations import bureau_officer, staff_with_role

_sequence = itertools.count(1)
PIN = "258013"


def citizen_id(born: date, *, division: str = "320585", sequence: int | None = None) -> str:
    """A valid identity number (GB 11643) for someone born on ``born``."""
    number = sequence if sequence is not None else next(_sequence) % 1000
    first17 = f"{division}{born:%Y%m%d}{number:03d}"
    return first17 + citizen_id_check_character(first17)


def community(town: str = "城厢镇", name: str = "东林村") -> Community:
    return Community.objects.get_or_create(town=town, name=name)[0]


def voucher_scheme(
    *, bands=((80, "80.00"),), starts_on=date(2026, 1, 1), **fields
) -> VoucherScheme:
    scheme = VoucherScheme.objects.create(
        name=fields.pop("name", "太仓市高龄老人养老服务补贴"),
        starts_on=starts_on,
        eligible_service_types=fields.pop(
            "eligible_service_types", ["day_care", "meals", "home_care", "bathing"]
        ),
        **fields,
    )
    for min_age, amount in bands:
        AgeBand.objects.create(scheme=scheme, min_age=min_age, monthly_amount=Decimal(amount))
    return scheme


def community_worker(*communities: Community, **user_fields):
    user = staff_with_role(Role.COMMUNITY_WORKER, **user_fields)
    for place in communities:
        CommunityWorker.objects.create(user=user, community=place)
    return user


def enrolled(
    *,
    born: date = date(1940, 3, 15),
    community_=None,
    by=None,
    family_name: str = "王",
    given_name: str = "秀英",
    pin: str = PIN,
    enrolled_on: date | None = None,
    **fields,
):
    """An enrolled resident (through the service, as a bureau officer unless ``by`` is given)."""
    return resident_enrol(
        by=by or bureau_officer(),
        community=community_ or community(),
        family_name=family_name,
        given_name=given_name,
        citizen_id=fields.pop("citizen_id", None) or citizen_id(born),
        pin=pin,
        purpose_explained=True,
        enrolled_on=enrolled_on or date(2026, 1, 5),
        **fields,
    )
