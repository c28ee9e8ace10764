"""The services directory's source (``cms.directory``): the service sites residents can use
today, read from the contracts they run under, registered from ``TendersConfig.ready()``.

A site is public while its contract is published (signed and made public, as the law asks
within two working days of signing) and not yet ended: before that nothing of the contract
is public, after it the site no longer serves under it. Only what the public pages already
show leaves here: the site's own facts, its price list, the operator's name, the latest
grade, the latest published acceptance and the latest closed residents' survey. Never a
person. Each method costs a fixed number of queries whatever the number of sites: what
the performance needs is computed in the site query (subqueries per contract), the
surveys' results in one more, the opening hours and price lists in two prefetches."""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from cms.directory import (
    Accessibility,
    DirectoryService,
    DirectorySite,
    DirectorySiteCard,
    OpeningRow,
    Performance,
)
from tenders.models import (
    AcceptanceConclusion,
    AcceptanceKind,
    ContractAcceptance,
    ContractReport,
    Grade,
    ServiceSite,
    ServiceType,
    SiteKind,
    SiteService,
    Survey,
)
from tenders.site_selectors import active_services, weekly_hours, with_offer
from tenders.survey_selectors import satisfaction_rate, surveys_with_results

CLOCK = "%H:%M"


def public_sites(today: date | None = None) -> QuerySet[ServiceSite]:
    """The sites whose contract is published and still running on ``today``."""
    today = today or timezone.localdate()
    return ServiceSite.objects.filter(
        contract__published_at__isnull=False, contract__ends_on__gte=today
    )


def _latest_grade() -> QuerySet[ContractReport]:
    return (
        ContractReport.objects.filter(
            contract=OuterRef("contract"), status=ContractReport.Status.ACCEPTED
        )
        .exclude(grade="")
        .order_by("-number")
    )


def _with_performance(sites: QuerySet[ServiceSite], today: date) -> QuerySet[ServiceSite]:
    """``sites`` with their contract's latest grade (and its period), latest published
    acceptance (result, kind, day) and latest closed survey with answers (its id)."""
    graded = _latest_grade()
    accepted = ContractAcceptance.objects.filter(
        contract=OuterRef("contract"), published_at__isnull=False
    ).order_by("-held_on", "-number")
    surveyed = (
        Survey.objects.filter(
            contract=OuterRef("contract"), closes_on__lt=today, answers__isnull=False
        )
        .order_by("-closes_on", "-pk")
        .values("pk")[:1]
    )
    return sites.annotate(
        grade=Subquery(graded.values("grade")[:1]),
        grade_from=Subquery(graded.values("period_starts_on")[:1]),
        grade_to=Subquery(graded.values("period_ends_on")[:1]),
        acceptance=Subquery(accepted.values("conclusion")[:1]),
        acceptance_kind=Subquery(accepted.values("kind")[:1]),
        acceptance_on=Subquery(accepted.values("held_on")[:1]),
        survey_id=Subquery(surveyed),
    )


def _label(choices, value) -> str | None:
    return str(choices(value).label) if value in choices.values else None


def _performance(site: ServiceSite, surveys: dict[int, Survey]) -> Performance:
    survey = surveys.get(site.survey_id)
    return Performance(
        grade_label=_label(Grade, site.grade),
        grade_from=site.grade_from,
        grade_to=site.grade_to,
        acceptance_label=_label(AcceptanceConclusion, site.acceptance),
        acceptance_kind_label=_label(AcceptanceKind, site.acceptance_kind),
        acceptance_on=site.acceptance_on,
        satisfaction_percent=satisfaction_rate(survey.satisfied, survey.ratings)
        if survey
        else None,
        satisfaction_from=survey.opens_on if survey else None,
        satisfaction_to=survey.closes_on if survey else None,
        satisfaction_respondents=survey.respondents if survey else None,
    )


def _surveys(sites: list[ServiceSite]) -> dict[int, Survey]:
    """The surveys the sites' performance names, with their results (one query)."""
    ids = {site.survey_id for site in sites if site.survey_id}
    if not ids:
        return {}
    return {survey.pk: survey for survey in surveys_with_results(Survey.objects.filter(pk__in=ids))}


def _services(site: ServiceSite) -> tuple[DirectoryService, ...]:
    """The site's offered services; a voucher price only where the site takes vouchers."""
    return tuple(
        DirectoryService(
            name=service.name,
            type_label=service.get_service_type_display(),
            unit_label=service.get_unit_display(),
            price=service.price,
            voucher_price=service.voucher_price if site.accepts_vouchers else None,
            duration_minutes=service.duration_minutes,
        )
        for service in active_services(site)
    )


def _hours(site: ServiceSite) -> tuple[OpeningRow, ...]:
    """The site's week, Monday first, closed days included, as display rows; none when it
    has no hours recorded at all."""
    week = weekly_hours(site)
    if all(day.closed for day in week):
        return ()
    return tuple(
        OpeningRow(
            day=day.label,
            periods=tuple(
                f"{opens.strftime(CLOCK)}–{closes.strftime(CLOCK)}" for opens, closes in day.spans
            ),
        )
        for day in week
    )


def _site(site: ServiceSite, surveys: dict[int, Survey]) -> DirectorySite:
    return DirectorySite(
        code=site.code,
        name=site.name,
        kind=site.kind,
        kind_label=site.get_kind_display(),
        town=site.town,
        community=site.community,
        address=site.address,
        operator=site.contract.organisation.name,
        phone=site.phone,
        directions=site.directions,
        accepts_vouchers=site.accepts_vouchers,
        closed_on_public_holidays=site.closed_on_public_holidays,
        accessibility=Accessibility(
            step_free=site.step_free,
            accessible_toilet=site.accessible_toilet,
            lift=site.lift,
            notes=site.accessibility_notes,
        ),
        opening_hours=_hours(site),
        services=_services(site),
        performance=_performance(site, surveys),
        feedback_url=reverse("site_feedback", kwargs={"code": site.code})
        if site.feedback_open
        else "",
        performance_url=reverse("site_performance", kwargs={"code": site.code}),
    )


class TendersDirectorySource:
    """The public service sites of published contracts (see the module's docstring)."""

    def towns(self) -> list[str]:
        return list(public_sites().order_by("town").values_list("town", flat=True).distinct())

    def kinds(self) -> list[tuple[str, str]]:
        return list(SiteKind.choices)

    def service_types(self) -> list[tuple[str, str]]:
        return list(ServiceType.choices)

    def sites(self, *, town=None, kind=None, service=None) -> list[DirectorySiteCard]:
        sites = public_sites()
        if town:
            sites = sites.filter(town=town)
        if kind:
            sites = sites.filter(kind=kind)
        if service:
            offering = SiteService.objects.active().filter(service_type=service)
            sites = sites.filter(pk__in=offering.values("site"))
        sites = sites.annotate(grade=Subquery(_latest_grade().values("grade")[:1])).order_by(
            "town", "name", "pk"
        )
        return [
            DirectorySiteCard(
                code=site.code,
                name=site.name,
                kind=site.kind,
                kind_label=site.get_kind_display(),
                town=site.town,
                community=site.community,
                address=site.address,
                phone=site.phone,
                accepts_vouchers=site.accepts_vouchers,
                step_free=site.step_free,
                grade_label=_label(Grade, site.grade),
            )
            for site in sites
        ]

    def _full(self, sites: QuerySet[ServiceSite]) -> list[DirectorySite]:
        today = timezone.localdate()
        rows = list(
            with_offer(_with_performance(sites, today)).select_related("contract__organisation")
        )
        surveys = _surveys(rows)
        return [_site(site, surveys) for site in rows]

    def site(self, code: str) -> DirectorySite | None:
        found = self._full(public_sites().filter(code=code))
        return found[0] if found else None

    def communities(self) -> list[tuple[str, str]]:
        return list(
            public_sites()
            .exclude(community="")
            .order_by("town", "community")
            .values_list("town", "community")
            .distinct()
        )

    def sites_in_community(self, town: str, community: str) -> list[DirectorySite]:
        if not community:
            return []
        sites = self._full(
            public_sites().filter(town=town, community__in=[community, ""]).order_by("name", "pk")
        )
        # Only a community that has a site of its own has a list.
        return sites if any(site.community == community for site in sites) else []


DIRECTORY_SOURCE = TendersDirectorySource()
