"""Subsidy schemes and applications for tests, made through the services like users make them."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from subsidies.models import Scheme
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_recommend,
    subsidy_application_save_draft,
    subsidy_application_submit,
)

from .organisations import bureau_officer, manager_of, member_of

PDF = b"%PDF-1.7\n%%EOF\n"
_names = itertools.count(1)


def scheme_factory(**fields) -> Scheme:
    """A scheme open now, covering 2026, with the default rules and a ¥100,000 envelope."""
    now = timezone.now()
    values = {
        "name": f"2026年度社会组织人员经费补贴第{next(_names)}批",
        "year": 2026,
        "envelope": Decimal("100000.00"),
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "period_starts_on": date(2026, 1, 1),
        "period_months": 12,
        **fields,
    }
    hubs = values.pop("hubs", [])
    scheme = Scheme(**values)
    scheme.full_clean()
    scheme.save()
    scheme.hubs.set(hubs)
    return scheme


def staff_line(**fields) -> dict:
    """A staff line as the portal form cleans it: ¥6,000 a month for 12 months, no certificate
    (eligible ¥3,000 a month, ¥36,000)."""
    return {
        "name": "李娜",
        "title": "项目主管",
        "qualification": "none",
        "employment_started_on": date(2025, 6, 1),
        "monthly_salary": Decimal("6000.00"),
        "months": 12,
        **fields,
    }


def payroll(name: str = "payroll.pdf") -> tuple[str, SimpleUploadedFile]:
    return ("payroll", SimpleUploadedFile(name, PDF))


def org_admin(organisation):
    """A live administrator of ``organisation`` (an existing one, or a new one)."""
    membership = organisation.memberships.filter(role="admin", ended_at__isnull=True).first()
    return membership.user if membership else member_of(organisation, "admin")


def draft_application(organisation, scheme, *, lines=None, attachments=None, by=None):
    """A draft with the given lines (one default line) and a payroll file."""
    return subsidy_application_save_draft(
        scheme=scheme,
        organisation=organisation,
        lines=lines if lines is not None else [staff_line()],
        attachments=attachments if attachments is not None else [payroll()],
        by=by or org_admin(organisation),
    )


def submitted_application(organisation, scheme, **kwargs):
    application = draft_application(organisation, scheme, **kwargs)
    return subsidy_application_submit(application=application, by=org_admin(organisation))


def hub_manager(organisation):
    """A manager of the organisation's hub (an existing one, or a new one)."""
    from incubator.models import HubManagerAssignment

    assignment = HubManagerAssignment.objects.filter(
        hub=organisation.hub, ended_at__isnull=True
    ).first()
    return assignment.user if assignment else manager_of(organisation.hub)


def recommended_application(organisation, scheme, *, proposed_amount=None, **kwargs):
    application = submitted_application(organisation, scheme, **kwargs)
    return subsidy_application_recommend(
        application=application,
        proposed_amount=proposed_amount,
        note="材料齐全",
        by=hub_manager(organisation),
    )


def approved_application(organisation, scheme, *, amount=None, by=None, **kwargs):
    application = recommended_application(organisation, scheme, **kwargs)
    return subsidy_application_approve(
        application=application, approved_amount=amount, by=by or bureau_officer()
    )
