"""Who sees and resolves the anomalies of care vouchers: bureau officers only (a provider does
not see what is flagged about it, a community worker not what is flagged about a resident)."""

from django.db.models import QuerySet

from subsidies.models import VoucherAnomaly


def _bureau(user, perm: str) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(perm))
    )


def anomalies_visible_to(user) -> QuerySet[VoucherAnomaly]:
    """Every flag for bureau officers; none for anyone else."""
    if _bureau(user, "subsidies.view_voucheranomaly"):
        return VoucherAnomaly.objects.all()
    return VoucherAnomaly.objects.none()


def anomalies_user_may_resolve(user) -> QuerySet[VoucherAnomaly]:
    """The flags the user may resolve: every one, for bureau officers who resolve them."""
    if _bureau(user, "subsidies.resolve_voucheranomaly"):
        return VoucherAnomaly.objects.all()
    return VoucherAnomaly.objects.none()


def user_may_resolve_anomalies(user) -> bool:
    """Whether the user resolves anomalies at all (the dashboard's panel)."""
    return _bureau(user, "subsidies.resolve_voucheranomaly")
