"""Contract delivery: KPIs set on a contract through the service, and reports filed."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tenders.services.delivery import contract_kpis_set
from tenders.services.reports import contract_report_submit

PDF = b"%PDF-1.7\n%%EOF\n"

# (name, unit, target, weight, group, lower is better)
KPIS = [
    ("服务时长", "小时", "1200", 40, "outputs", False),
    ("服务人数", "人", "60", 30, "outputs", False),
    ("满意度", "%", "90", 20, "satisfaction", False),
    ("安全事故", "起", "0", 10, "outcomes", True),
]


def kpi_rows(rows=KPIS) -> list[dict]:
    return [
        {
            "name": name,
            "unit": unit,
            "target": Decimal(target),
            "method": "按台账统计。",
            "frequency": "monthly",
            "weight": weight,
            "group": group,
            "lower_is_better": lower,
        }
        for name, unit, target, weight, group, lower in rows
    ]


def with_kpis(contract, by, *, reporting: str = "monthly"):
    """``contract`` with the four KPIs above and its reporting schedule."""
    return contract_kpis_set(contract=contract, kpis=kpi_rows(), reporting=reporting, by=by)


def file_report(report, by, *, values=("1200", "60", "95", "0"), files=None):
    """Submit ``report`` with one actual per KPI, in the KPIs' order."""
    kpis = list(report.contract.kpis.all())
    return contract_report_submit(
        report=report,
        actuals={kpi.pk: Decimal(value) for kpi, value in zip(kpis, values, strict=True)},
        narrative="本月按计划开展日间照料服务。",
        files=files if files is not None else [SimpleUploadedFile("台账.pdf", PDF)],
        by=by,
        today=report.period_ends_on,
    )
