"""Whether an organisation may bid for a tender, and if not, why."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import Organisation

DEFAULT_STAGES = (Organisation.Stage.INCUBATING, Organisation.Stage.GRADUATED)
WRONG_STAGE = _("Only organisations that are %(stages)s may bid; yours is %(stage)s.")
NO_CREDIT_CODE = _("A unified social credit code is required; add it to your profile first.")
TOO_FEW_MONTHS = _(
    "At least %(required)s months of incubation are required; your organisation has %(months)s."
)


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def months_incubated(organisation: Organisation, today: date) -> int:
    """Whole months the organisation has spent in incubation, all incubations together."""
    return sum(
        months_between(incubation.started_on, min(incubation.ended_on or today, today))
        for incubation in organisation.incubations.all()
    )


def tender_eligibility(*, tender, organisation: Organisation, today: date | None = None) -> list:
    """The reasons ``organisation`` cannot bid for ``tender`` (a ``Tender``, or a page, which
    carries the same conditions); empty when it can."""
    today = today or timezone.localdate()
    reasons = []
    stages = tender.eligible_stages or list(DEFAULT_STAGES)
    if organisation.stage not in stages:
        labels = [str(Organisation.Stage(stage).label) for stage in stages]
        reasons.append(
            WRONG_STAGE % {"stages": " / ".join(labels), "stage": organisation.get_stage_display()}
        )
    if tender.credit_code_required and not organisation.credit_code:
        reasons.append(NO_CREDIT_CODE)
    if tender.min_months_incubated:
        months = months_incubated(organisation, today)
        if months < tender.min_months_incubated:
            reasons.append(
                TOO_FEW_MONTHS % {"required": tender.min_months_incubated, "months": months}
            )
    return reasons
