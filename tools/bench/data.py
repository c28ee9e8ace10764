"""Bulk builder of a city's worth of data, on top of the demo world (``seed_demo``): hubs,
organisations, incubations and milestones here; tenders, bids and subsidy applications in
``data_apps``. Everything goes in with ``bulk_create``, never through the services: the
builder makes volume for reads, not history. ``grow`` only adds what is missing, so a run can
build one tenth of the city, measure, then grow to full size and measure again."""

import itertools
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from incubator.kernel.validators import uscc_check_character
from incubator.models import (
    Hub,
    Incubation,
    Milestone,
    MilestoneArea,
    Organisation,
    ServiceArea,
)

BATCH = 2000
DISTRICTS = ["城厢镇", "沙溪镇", "浏河镇", "浮桥镇", "璜泾镇", "双凤镇", "科教新城", "港区"]
KINDS = ["养老服务中心", "志愿者协会", "社工服务社", "儿童关爱中心", "助残服务社", "调解工作室"]


@dataclass(frozen=True)
class Scale:
    """How many rows of each kind the city has in all (demo rows included)."""

    hubs: int = 10
    organisations: int = 5000
    tenders: int = 500
    bids: int = 10_000
    subsidy_applications: int = 20_000
    milestones: int = 50_000
    voucher_holders: int = 40_000
    voucher_sites: int = 60

    def fraction(self, share: float) -> "Scale":
        """The same city at ``share`` of its size (hubs never fewer than two)."""
        sizes = {field.name: round(getattr(self, field.name) * share) for field in fields(self)}
        sizes["hubs"] = max(2, sizes["hubs"])
        return replace(self, **sizes)

    def as_dict(self) -> dict[str, int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def credit_code(number: int) -> str:
    """A well-formed, unique unified social credit code for bench organisation ``number``."""
    first17 = f"5{1 + number % 3}320585BN{number:07d}"
    return first17 + uscc_check_character(first17)


def grow(
    scale: Scale, *, portal_user: str | None = "orgadmin", vouchers: bool = True
) -> dict[str, int]:
    """Add rows until the database holds ``scale``, with contracts on one in three closed
    tenders (the first for ``portal_user``'s organisation) and, unless ``vouchers`` is False,
    care vouchers (``data_vouchers``); returns the counts reached."""
    from tools.bench import data_apps, data_contracts, data_vouchers

    with transaction.atomic():
        _hubs(scale.hubs)
        _organisations(scale.organisations)
        _incubations()
        _milestones(scale.milestones)
        data_apps.tenders(scale.tenders)
        data_apps.bids(scale.bids)
        data_apps.subsidy_applications(scale.subsidy_applications)
        data_contracts.contracts(portal_user=portal_user)
        if vouchers:
            data_vouchers.grow(scale.voucher_holders, scale.voucher_sites)
    return {**counts(), **data_contracts.counts(), **data_vouchers.counts()}


def counts() -> dict[str, int]:
    """How many rows of each kind the database holds."""
    from subsidies.models import Resident, SubsidyApplication
    from tenders.models import ServiceSite, TenderBid, TenderPage

    return {
        "hubs": Hub.objects.count(),
        "organisations": Organisation.objects.count(),
        "tenders": TenderPage.objects.count(),
        "bids": TenderBid.objects.count(),
        "subsidy_applications": SubsidyApplication.objects.count(),
        "milestones": Milestone.objects.count(),
        "voucher_holders": Resident.objects.count(),
        "voucher_sites": ServiceSite.objects.count(),
    }


def _hubs(target: int) -> None:
    start = Hub.objects.count()
    Hub.objects.bulk_create(
        Hub(
            name=f"基准孵化基地{n:03d}",
            name_en=f"Bench hub {n}",
            slug=f"bench-hub-{n}",
            district=DISTRICTS[n % len(DISTRICTS)],
            operator="太仓市民政局",
            address=f"江苏省太仓市{DISTRICTS[n % len(DISTRICTS)]}基准路{n}号",
        )
        for n in range(start, target)
    )


def _organisations(target: int) -> None:
    start = Organisation.objects.count()
    if start >= target:
        return
    hubs = list(Hub.objects.order_by("pk").values_list("pk", flat=True))
    stages = [Organisation.Stage.INCUBATING] * 7 + [Organisation.Stage.GRADUATED] * 2
    stages.append(Organisation.Stage.APPLICANT)
    forms = Organisation.LegalForm.values
    created = Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"太仓市{DISTRICTS[n % len(DISTRICTS)]}{KINDS[n % len(KINDS)]}{n:05d}",
                name_en=f"Bench organisation {n}",
                credit_code=credit_code(n),
                legal_form=forms[n % len(forms)],
                registration_status=Organisation.RegistrationStatus.REGISTERED,
                founded_on=date(2015, 1, 1) + timedelta(days=n % 3000),
                contact_name="联系人",
                contact_phone=f"0512-5{n:07d}",
                contact_email=f"org{n}@bench.example",
                stage=stages[n % len(stages)],
                hub_id=hubs[n % len(hubs)],
            )
            for n in range(start, target)
        ),
        batch_size=BATCH,
    )
    areas = list(ServiceArea.objects.values_list("pk", flat=True))
    if areas:
        through = Organisation.service_areas.through
        through.objects.bulk_create(
            (
                through(organisation_id=organisation.pk, servicearea_id=areas[n % len(areas)])
                for n, organisation in enumerate(created)
            ),
            batch_size=BATCH,
        )


def _incubations() -> None:
    """One incubation for each incubating or graduated organisation that has none."""
    today = timezone.localdate()
    missing = (
        Organisation.objects.filter(
            stage__in=[Organisation.Stage.INCUBATING, Organisation.Stage.GRADUATED],
            incubations__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "hub_id", "stage")
    )
    rows = []
    for n, (pk, hub_id, stage) in enumerate(missing):
        started = today - timedelta(days=30 + n % 500)
        graduated = stage == Organisation.Stage.GRADUATED
        rows.append(
            Incubation(
                organisation_id=pk,
                hub_id=hub_id,
                started_on=started,
                planned_end_on=started + timedelta(days=730),
                ended_on=started + timedelta(days=700) if graduated else None,
                outcome=Incubation.Outcome.GRADUATED if graduated else "",
            )
        )
    Incubation.objects.bulk_create(rows, batch_size=BATCH)


def _milestones(target: int) -> None:
    """Spread milestones over the incubations, evenly, topping up the ones with fewest."""
    needed = target - Milestone.objects.count()
    if needed <= 0:
        return
    incubations = list(
        Incubation.objects.annotate(planned=Count("milestones"))
        .order_by("planned", "pk")
        .values_list("pk", "organisation_id", "started_on", "planned")
    )
    if not incubations:
        return
    areas = MilestoneArea.values
    statuses = [Milestone.Status.VERIFIED] * 3 + [Milestone.Status.SUBMITTED]
    statuses += [Milestone.Status.PLANNED] * 4
    now = timezone.now()
    rows = []
    for n in itertools.islice(itertools.count(), needed):
        pk, organisation_id, started_on, planned = incubations[n % len(incubations)]
        position = planned + n // len(incubations)
        status = statuses[position % len(statuses)]
        rows.append(
            Milestone(
                organisation_id=organisation_id,
                incubation_id=pk,
                area=areas[position % len(areas)],
                title=f"能力建设里程碑{position + 1:02d}",
                description="提交相关制度文件和会议记录。",
                due_on=started_on + timedelta(days=60 * (position + 1)),
                status=status,
                evidence_note="已上传。" if status != Milestone.Status.PLANNED else "",
                submitted_at=now if status != Milestone.Status.PLANNED else None,
                decided_at=now if status == Milestone.Status.VERIFIED else None,
            )
        )
    Milestone.objects.bulk_create(rows, batch_size=BATCH)
