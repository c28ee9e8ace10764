"""A signed contract that started 90 days ago with its four KPIs, and an acceptance of its
first quarter recorded through the service (two residents named, three counted)."""

from datetime import timedelta

from django.utils import timezone

from tenders.models import Contract
from tenders.services.acceptance import contract_acceptance_record
from tests.factories.delivery import with_kpis


def running(contract, officer) -> Contract:
    """``contract`` (signed) moved to have started 90 days ago, with its KPIs set."""
    today = timezone.localdate()
    Contract.objects.filter(pk=contract.pk).update(
        starts_on=today - timedelta(days=90), ends_on=today + timedelta(days=274)
    )
    contract.refresh_from_db()
    return with_kpis(contract, officer)


def findings(contract, *, finding="抽查台账，与记录一致。", extra=()):
    """One met finding per KPI of ``contract``, then ``extra`` free standards."""
    rows = [
        {"kpi": kpi.pk, "standard": "", "result": "met", "finding": finding}
        for kpi in contract.kpis.all()
    ]
    return rows + list(extra)


def record(contract, officer, **kwargs):
    """An interim acceptance of the contract's first 60 days, held today."""
    today = timezone.localdate()
    fields = {
        "kind": "interim",
        "held_on": today,
        "period_starts_on": contract.starts_on,
        "period_ends_on": contract.starts_on + timedelta(days=59),
        "items": findings(contract),
        "summary": "实地查看日间照料中心，查阅服务台账。",
        "participants_named": "张秀英\n李桂兰",
        "participants_unnamed": 3,
    }
    fields.update(kwargs)
    return contract_acceptance_record(contract=contract, by=officer, **fields)
