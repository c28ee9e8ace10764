"""Who sees and does what with subsidy schemes and applications: the read functions every view
and every service of subsidies asks. Bureau officers hold model-wide permissions; hub managers
see and review the applications of their hubs' organisations only; an organisation's live
administrators draft, submit and withdraw its own; its members read them through the portal."""

from django.db.models import Q, QuerySet

from incubator.incubation.selectors import hubs_managed_by, organisations_visible_to
from incubator.models import Organisation, OrganisationMembership
from subsidies.models import Scheme, SubsidyApplication


def _global(user, perm: str) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(perm))


def schemes_visible_to(user) -> QuerySet[Scheme]:
    """Every scheme for bureau officers; for hub managers, the schemes open to their hubs
    (those naming one of them, and those naming no hub at all)."""
    if not user.is_authenticated:
        return Scheme.objects.none()
    if _global(user, "subsidies.view_scheme"):
        return Scheme.objects.all()
    hubs = hubs_managed_by(user)
    if not hubs.exists():
        return Scheme.objects.none()
    return Scheme.objects.filter(Q(hubs__isnull=True) | Q(hubs__in=hubs.values("pk"))).distinct()


def schemes_open_to(organisation, schemes: QuerySet[Scheme] | None = None) -> list[Scheme]:
    """Schemes the organisation's hub and stage make it eligible for (window not considered).
    The stages are a JSON list, which SQLite cannot search: they are checked here, over the
    few schemes of its hub."""
    schemes = Scheme.objects.all() if schemes is None else schemes
    candidates = schemes.filter(Q(hubs__isnull=True) | Q(hubs=organisation.hub_id)).distinct()
    return [scheme for scheme in candidates if organisation.stage in scheme.eligible_stages]


def applications_visible_to(user) -> QuerySet[SubsidyApplication]:
    """All applications for bureau officers; those of their hubs' organisations for hub
    managers; their own organisation's for its members."""
    if not user.is_authenticated:
        return SubsidyApplication.objects.none()
    if _global(user, "subsidies.view_subsidyapplication"):
        return SubsidyApplication.objects.all()
    return SubsidyApplication.objects.filter(
        organisation__in=organisations_visible_to(user).values("pk")
    )


def organisations_user_may_apply_for(user) -> QuerySet[Organisation]:
    """Organisations the user applies for: those they are a live administrator of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    admin_of = OrganisationMembership.objects.filter(
        user=user, role=OrganisationMembership.Role.ADMIN, ended_at__isnull=True
    )
    return Organisation.objects.filter(pk__in=admin_of.values("organisation"))


def applications_user_may_submit(user) -> QuerySet[SubsidyApplication]:
    """Applications the user drafts, submits and withdraws: those of the organisations they are
    a live administrator of."""
    return SubsidyApplication.objects.filter(
        organisation__in=organisations_user_may_apply_for(user).values("pk")
    )


def applications_user_may_review(user) -> QuerySet[SubsidyApplication]:
    """Applications the user recommends or returns: those of the organisations in the hubs
    they manage. Bureau officers decide, they do not recommend."""
    if not user.is_authenticated:
        return SubsidyApplication.objects.none()
    return SubsidyApplication.objects.filter(
        organisation__hub__in=hubs_managed_by(user).values("pk")
    )


def applications_user_may_decide(user) -> QuerySet[SubsidyApplication]:
    """Applications the user may approve or reject: all, for holders of the bureau's right."""
    if not user.is_authenticated or not _global(user, "subsidies.decide_subsidyapplication"):
        return SubsidyApplication.objects.none()
    return SubsidyApplication.objects.all()


def applications_user_may_pay(user) -> QuerySet[SubsidyApplication]:
    """Applications the user may record disbursements for: all, for the bureau's right."""
    if not user.is_authenticated or not _global(user, "subsidies.disburse_subsidyapplication"):
        return SubsidyApplication.objects.none()
    return SubsidyApplication.objects.all()
