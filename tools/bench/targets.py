"""The pages the bench measures: the public site in Chinese, the portal as an organisation's
admin (the demo's ``orgadmin``), the back office as a bureau officer (``bureau``) and as a hub
manager (``hubmanager``), among them the lists that grow with the city (issue 17): the hub
manager's overdue milestones, the bids, a subsidy search and the tender processes; and the
contracts (issue 18): the contract with the most reports in the back office and, in the
portal, the organisation's own contract with the most reports, and the lists of contracts and
of reports; and the panels of the bureau's admin home that load after the page, each at its
own address."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from tools.bench.measure import BenchError, Target

# A search the bureau makes: part of an organisation's name, as officers type it.
SUBSIDY_SEARCH = "沙溪镇志愿者"


def _in_chinese(name: str, *args) -> str:
    with translation.override("zh-hans"):
        return reverse(name, args=args)


def home_url() -> str:
    """The Chinese home page's URL."""
    from cms.models import HomePage

    return HomePage.objects.live().filter(locale__language_code="zh-hans").first().url


def _public(staff_user: str):
    from tenders.models import TenderBid, TenderIndexPage, TenderPage

    def tender_index():
        return TenderIndexPage.objects.live().filter(locale__language_code="zh-hans").first()

    return [
        Target("public home page", "public", home_url, TenderPage.objects.count),
        Target("tender index", "public", lambda: tender_index().url, TenderPage.objects.count),
        Target(
            "tender page",
            "public",
            lambda: heaviest_tender().url,
            lambda: TenderBid.objects.filter(tender=heaviest_tender().tender_id).count(),
        ),
    ]


def heaviest_tender():
    """The open tender with the most bids: the heaviest public tender page."""
    from tenders.models import TenderPage

    now = timezone.now()
    return (
        TenderPage.objects.live()
        .filter(opens_at__lte=now, deadline__gt=now, cancelled_at__isnull=True)
        .filter(locale__language_code="zh-hans")
        .annotate(bid_count=Count("tender__bids"))
        .order_by("-bid_count", "pk")
        .first()
    )


def heaviest_contract(organisation_id: int | None = None):
    """The contract with the most reports (of ``organisation_id`` when given)."""
    from tenders.models import Contract

    contracts = Contract.objects.all()
    if organisation_id is not None:
        contracts = contracts.filter(organisation=organisation_id)
    contract = contracts.annotate(n=Count("reports")).order_by("-n", "pk").first()
    if contract is None:
        raise BenchError("No contract to measure: the city has no awarded tender.")
    return contract


def _portal(portal_user: str):
    from incubator.models import Milestone, OrganisationMembership

    def organisation_id():
        membership = OrganisationMembership.objects.get(
            user__username=portal_user, ended_at__isnull=True
        )
        return membership.organisation_id

    def portal_rows():
        return Milestone.objects.filter(organisation=organisation_id()).count()

    def own_contract():
        return heaviest_contract(organisation_id())

    return [
        Target(
            "portal dashboard",
            "portal",
            lambda: _in_chinese("portal:dashboard"),
            portal_rows,
            username=portal_user,
        ),
        Target(
            "portal contract page",
            "portal",
            lambda: _in_chinese("tenders_portal:contract", own_contract().pk),
            lambda: own_contract().reports.count(),
            username=portal_user,
        ),
    ]


def _admin(staff_user: str, hub_manager: str):
    from incubator.incubation.selectors import milestones_user_may_review
    from incubator.incubation.services.milestones import overdue
    from incubator.models import Organisation
    from subsidies.models import Scheme, SubsidyApplication
    from tenders.duties import open_duties
    from tenders.models import Contract, ContractReport, TenderBid, TenderPage

    def scheme():
        return Scheme.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()

    def manager_overdue():
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=hub_manager)
        return overdue(milestones_user_may_review(user)).count()

    def search_rows():
        return SubsidyApplication.objects.filter(
            organisation__name__icontains=SUBSIDY_SEARCH
        ).count()

    return [
        Target(
            "admin organisation list",
            "admin",
            lambda: reverse("organisations:index"),
            Organisation.objects.count,
            username=staff_user,
        ),
        Target(
            "admin subsidy application list",
            "admin",
            lambda: reverse("subsidy_applications:index"),
            SubsidyApplication.objects.count,
            username=staff_user,
        ),
        Target(
            "subsidy search",
            "admin",
            lambda: f"{reverse('subsidy_applications:index')}?q={SUBSIDY_SEARCH}",
            search_rows,
            username=staff_user,
        ),
        Target(
            "scheme budget",
            "admin",
            lambda: reverse("schemes:budget", args=[scheme().pk]),
            lambda: scheme().applications.count(),
            username=staff_user,
        ),
        Target(
            "bids list",
            "admin",
            lambda: reverse("tender_bids:index"),
            TenderBid.objects.count,
            username=staff_user,
        ),
        Target(
            "tender processes",
            "admin",
            lambda: reverse("tenders_admin:index"),
            TenderPage.objects.count,
            username=staff_user,
        ),
        Target(
            "contracts list",
            "admin",
            lambda: reverse("tender_contracts:index"),
            Contract.objects.count,
            username=staff_user,
        ),
        Target(
            "contract page",
            "admin",
            lambda: reverse("tender_contracts:inspect", args=[heaviest_contract().pk]),
            lambda: heaviest_contract().reports.count(),
            username=staff_user,
        ),
        Target(
            "contract reports list",
            "admin",
            lambda: reverse("contract_reports:index"),
            ContractReport.objects.count,
            username=staff_user,
        ),
        Target(
            "overdue milestones (hub manager)",
            "admin",
            lambda: f"{reverse('milestones:index')}?overdue=true",
            manager_overdue,
            username=hub_manager,
        ),
        Target(
            "our deadlines",
            "admin",
            lambda: reverse("tenders_admin:duties"),
            lambda: len(open_duties()),
            username=staff_user,
        ),
        Target(
            "bureau dashboard",
            "admin",
            lambda: reverse("wagtailadmin_home"),
            SubsidyApplication.objects.count,
            username=staff_user,
        ),
        *_dashboard_panels(staff_user),
    ]


def _dashboard_panels(staff_user: str) -> list[Target]:
    """The panels of the bureau's admin home that load after the page, each at its own
    address (``incubator.kernel.dashboard``), with the rows it sums."""
    from incubator.models import Milestone, Organisation, SpaceAllocation
    from tenders.duties import open_duties
    from tenders.models import ContractReport

    panels = (
        ("organisations_by_stage", "organisations by stage", Organisation.objects.count),
        ("occupancy", "occupancy", SpaceAllocation.objects.count),
        ("overdue_milestones", "overdue milestones", Milestone.objects.count),
        ("contracts_at_risk", "contracts at risk", ContractReport.objects.count),
        ("bureau_duties", "our deadlines", lambda: len(open_duties())),
    )
    return [
        Target(
            f"bureau dashboard: {label}",
            "admin",
            lambda name=name: reverse("dashboard_panel", args=[name]),
            rows,
            username=staff_user,
        )
        for name, label, rows in panels
    ]


def targets(
    *, portal_user: str = "orgadmin", staff_user: str = "bureau", hub_manager: str = "hubmanager"
) -> list[Target]:
    """Every page the bench measures, in the order of its table."""
    return [*_public(staff_user), *_portal(portal_user), *_admin(staff_user, hub_manager)]


def exports() -> list[tuple]:
    """The exports the bench downloads whole as a bureau officer: (name, URL, rows), the
    largest list of the city as CSV and a list of applications as an Excel workbook."""
    from incubator.models import Milestone
    from subsidies.models import SubsidyApplication

    return [
        (
            "milestones CSV export",
            f"{reverse('milestones:index')}?export=csv",
            Milestone.objects.count,
        ),
        (
            "subsidy applications Excel export",
            f"{reverse('subsidy_applications:index')}?export=xlsx",
            SubsidyApplication.objects.count,
        ),
    ]
