"""The public services directory's interface: what a directory page shows of a service site,
and where it reads it from. The CMS is a lower layer than the apps that know sites, contracts,
prices and vouchers, so it knows none of them: an app registers a *directory source* from its
``AppConfig.ready()`` (``register_directory_source``) that answers in the plain frozen records
below, public data only (no person, nothing of a contract before it is published). Every call
of a source costs a fixed number of queries whatever the number of sites."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DirectoryService:
    """One service on a site's price list: its price, and what a care voucher pays for it
    (``voucher_price``: what is debited from the resident's voucher balance; None when the
    service cannot be paid with vouchers)."""

    name: str
    type_label: str
    unit_label: str
    price: Decimal
    voucher_price: Decimal | None = None
    duration_minutes: int | None = None


@dataclass(frozen=True)
class OpeningRow:
    """One weekday's opening hours as shown: the day's name and its periods ("08:00–11:30");
    no periods means closed that day."""

    day: str
    periods: tuple[str, ...] = ()

    @property
    def closed(self) -> bool:
        return not self.periods


@dataclass(frozen=True)
class Accessibility:
    """What a site offers people who use a wheelchair or walk with difficulty; None where the
    site has not said."""

    step_free: bool | None = None
    accessible_toilet: bool | None = None
    lift: bool | None = None
    notes: str = ""

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.step_free, self.accessible_toilet, self.lift)) or (
            bool(self.notes)
        )

    @property
    def present(self) -> list[str]:
        """The labels of what the site has, for a one-line summary."""
        features = (
            (self.step_free, _("Step-free entrance")),
            (self.accessible_toilet, _("Accessible toilet")),
            (self.lift, _("Lift to other floors")),
        )
        return [str(label) for has, label in features if has]


@dataclass(frozen=True)
class Performance:
    """How the site's service is doing, from the contract it runs under: the latest graded
    period (its grade's label and dates), the latest published acceptance (its result and
    day), and residents' satisfaction (the share of good ratings in the latest closed
    survey, in percent, with the survey's dates). None where there is none yet."""

    grade_label: str | None = None
    grade_from: date | None = None
    grade_to: date | None = None
    acceptance_label: str | None = None
    acceptance_kind_label: str | None = None
    acceptance_on: date | None = None
    satisfaction_percent: Decimal | None = None
    satisfaction_from: date | None = None
    satisfaction_to: date | None = None
    satisfaction_respondents: int | None = None

    @property
    def known(self) -> bool:
        return any(
            value is not None
            for value in (self.grade_label, self.acceptance_label, self.satisfaction_percent)
        )


@dataclass(frozen=True)
class DirectorySiteCard:
    """A site as a line of the directory's list."""

    code: str
    name: str
    kind: str
    kind_label: str
    town: str
    community: str
    address: str
    phone: str = ""
    accepts_vouchers: bool = False
    step_free: bool | None = None
    grade_label: str | None = None


@dataclass(frozen=True)
class DirectorySite:
    """Everything the directory shows of one site: on its own page, and on the printed list
    of its community."""

    code: str
    name: str
    kind: str
    kind_label: str
    town: str
    community: str
    address: str
    operator: str = ""
    phone: str = ""
    directions: str = ""
    accepts_vouchers: bool = False
    closed_on_public_holidays: bool = False
    accessibility: Accessibility = field(default_factory=Accessibility)
    opening_hours: tuple[OpeningRow, ...] = ()
    services: tuple[DirectoryService, ...] = ()
    performance: Performance = field(default_factory=Performance)
    feedback_url: str = ""
    performance_url: str = ""

    @property
    def voucher_services(self) -> tuple[DirectoryService, ...]:
        return tuple(service for service in self.services if service.voucher_price is not None)


class DirectorySource(Protocol):
    """What a directory page asks of the sites it lists (see the module's docstring)."""

    def towns(self) -> list[str]:
        """The towns (镇/街道) with at least one public site, in order."""

    def kinds(self) -> list[tuple[str, str]]:
        """The kinds of site, as (value, label) choices."""

    def service_types(self) -> list[tuple[str, str]]:
        """The types of service on the sites' price lists, as (value, label) choices."""

    def sites(
        self, *, town: str | None = None, kind: str | None = None, service: str | None = None
    ) -> list[DirectorySiteCard]:
        """The public sites, in ``town``, of ``kind`` and offering a service of type
        ``service`` where given, by town and name."""

    def site(self, code: str) -> DirectorySite | None:
        """The public site with public code ``code``, or None."""

    def communities(self) -> list[tuple[str, str]]:
        """(town, community) of every community with a public site, in order."""

    def sites_in_community(self, town: str, community: str) -> list[DirectorySite]:
        """The public sites serving ``community`` of ``town``: its own, and the town's sites
        that serve the whole town (no community), by name."""


class EmptySource:
    """The directory of a site where no app contributes one: nothing to list."""

    def towns(self) -> list[str]:
        return []

    def kinds(self) -> list[tuple[str, str]]:
        return []

    def service_types(self) -> list[tuple[str, str]]:
        return []

    def sites(self, *, town=None, kind=None, service=None) -> list[DirectorySiteCard]:
        return []

    def site(self, code: str) -> DirectorySite | None:
        return None

    def communities(self) -> list[tuple[str, str]]:
        return []

    def sites_in_community(self, town: str, community: str) -> list[DirectorySite]:
        return []


_source: list[DirectorySource] = []


def register_directory_source(source: DirectorySource) -> None:
    """Make ``source`` the directory's (called from an ``AppConfig.ready()``; the last
    registered wins, so a second ``ready()`` replaces rather than doubles it)."""
    _source[:] = [source]


def directory_source() -> DirectorySource:
    """The registered source, or one that lists nothing."""
    return _source[0] if _source else EmptySource()


def group_by_town(rows: Sequence, key: Callable = lambda row: row) -> list[tuple[str, list]]:
    """``rows`` (ordered by town) as (town, its rows), for lists headed by town; ``key``
    gives a row's card."""
    groups: list[tuple[str, list]] = []
    for row in rows:
        town = key(row).town
        if not groups or groups[-1][0] != town:
            groups.append((town, []))
        groups[-1][1].append(row)
    return groups
