"""Payments that follow delivery: the bureau sets the contract's payment schedule (tranches,
each released by one report once accepted or one acceptance once signed off and not failed)
and records each payment once its release came. What the contract has paid never exceeds its
value: ``Contract.paid_total`` moves by one conditional update the database checks, behind a
check constraint. Bureau officers only; each step is audited and the provider is told."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import format_rmb
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.models import AcceptanceConclusion, Contract, ContractTranche
from tenders.models.payments import PAY_WITHIN_DAYS, PAY_WITHIN_DAYS_MAX
from tenders.selectors import contracts_user_may_schedule_payments, tranches_user_may_pay
from tenders.services import NOT_ALLOWED

CENT = Decimal("0.01")

TRANCHE_AMOUNT = _("Tranche %(number)s: the amount must be above zero, in yuan and fen.")
TRANCHE_RELEASE = _(
    "Tranche %(number)s: tie it to one report or one acceptance (not both, not neither)."
)
TRANCHE_NO_REPORT = _("Tranche %(number)s: the contract has no report %(report)s.")
TRANCHE_NO_ACCEPTANCE = _("Tranche %(number)s: the contract has no acceptance %(acceptance)s.")
TRANCHE_ACCEPTANCE_FAILED = _(
    "Tranche %(number)s: acceptance %(acceptance)s failed; it cannot release a payment."
)
TRANCHE_TIED_TWICE = _(
    "Tranche %(number)s: that report or acceptance already releases another tranche."
)
TRANCHE_TERM = _("Tranche %(number)s: the term of payment must be 1 to %(max)s days.")
OVER_VALUE = _(
    "The tranches add up to %(total)s (with %(paid)s already paid), more than the contract "
    "value of %(value)s."
)
ALREADY_PAID = _("Tranche %(number)s is paid already.")
NOT_RELEASED = _(
    "Tranche %(number)s cannot be paid yet: its report or acceptance has not been accepted."
)
RELEASE_FAILED = _("Tranche %(number)s cannot be paid: its acceptance failed.")
REFERENCE_REQUIRED = _("Give the payment voucher number.")
PAID_IN_FUTURE = _("The payment date cannot be in the future.")
PAID_BEFORE_RELEASE = _("The payment date cannot come before the release on %(date)s.")
PAYMENT_OVER_VALUE = _(
    "Paying %(amount)s would take the contract's payments to more than its value of "
    "%(value)s (%(paid)s paid already)."
)


def _amount(number: int, raw) -> Decimal:
    try:
        amount = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        amount = Decimal(0)
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise ServiceError(TRANCHE_AMOUNT % {"number": number}, code="amount")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _term(number: int, raw) -> int:
    try:
        days = int(raw if raw not in (None, "") else PAY_WITHIN_DAYS)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= PAY_WITHIN_DAYS_MAX:
        raise ServiceError(
            TRANCHE_TERM % {"number": number, "max": PAY_WITHIN_DAYS_MAX}, code="term"
        )
    return days


def _number(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _release(number: int, raw: dict, reports: dict, acceptances: dict) -> dict:
    report, acceptance = raw.get("report"), raw.get("acceptance")
    if (report in (None, "")) == (acceptance in (None, "")):
        raise ServiceError(TRANCHE_RELEASE % {"number": number}, code="release")
    if report not in (None, ""):
        found = reports.get(_number(report))
        if found is None:
            raise ServiceError(
                TRANCHE_NO_REPORT % {"number": number, "report": report}, code="no_report"
            )
        return {"report": found}
    found = acceptances.get(_number(acceptance))
    if found is None:
        raise ServiceError(
            TRANCHE_NO_ACCEPTANCE % {"number": number, "acceptance": acceptance},
            code="no_acceptance",
        )
    if found.signed_off_at is not None and found.conclusion == AcceptanceConclusion.FAILED:
        raise ServiceError(
            TRANCHE_ACCEPTANCE_FAILED % {"number": number, "acceptance": acceptance},
            code="acceptance_failed",
        )
    return {"acceptance": found}


@transaction.atomic
def contract_tranches_set(*, contract: Contract, tranches: list[dict], by) -> Contract:
    """Set the contract's payment schedule. ``tranches`` lists the unpaid tranches, each
    ``{"amount", "report": number | None, "acceptance": number | None, "pay_within_days"}``.
    Before: a bureau officer; each tranche above zero, tied to exactly one report or
    acceptance of the contract (an acceptance already failed releases nothing), each report
    or acceptance releasing one tranche at most; paid and new tranches together within the
    contract's value. After: paid tranches stay as they are; the unpaid ones are replaced by
    ``tranches``, numbered after the paid ones."""
    require_allowed(contracts_user_may_schedule_payments, by, contract, message=NOT_ALLOWED)
    contract = Contract.objects.select_for_update().select_related("tender").get(pk=contract.pk)
    paid = list(contract.tranches.filter(paid_on__isnull=False))
    reports = {report.number: report for report in contract.reports.all()}
    acceptances = {acceptance.number: acceptance for acceptance in contract.acceptances.all()}
    taken = {("report", t.report_id) for t in paid} | {
        ("acceptance", t.acceptance_id) for t in paid
    }
    next_number = max((t.number for t in paid), default=0) + 1
    rows = []
    for index, raw in enumerate(tranches):
        number = next_number + index
        release = _release(number, raw, reports, acceptances)
        key = next((kind, record.pk) for kind, record in release.items())
        if key in taken:
            raise ServiceError(TRANCHE_TIED_TWICE % {"number": number}, code="tied_twice")
        taken.add(key)
        rows.append(
            ContractTranche(
                contract=contract,
                number=number,
                amount=_amount(number, raw.get("amount")),
                pay_within_days=_term(number, raw.get("pay_within_days")),
                created_by=by,
                **release,
            )
        )
    paid_total = sum((t.amount for t in paid), Decimal("0.00"))
    total = paid_total + sum((row.amount for row in rows), Decimal("0.00"))
    if total > contract.value:
        raise ServiceError(
            OVER_VALUE
            % {
                "total": format_rmb(total),
                "paid": format_rmb(paid_total),
                "value": format_rmb(contract.value),
            },
            code="over_value",
        )
    earlier = [
        f"{t.number}: {format_rmb(t.amount)}" for t in contract.tranches.filter(paid_on=None)
    ]
    contract.tranches.filter(paid_on__isnull=True).delete()
    for row in rows:
        row.full_clean(exclude=["contract", "report", "acceptance", "created_by"])
    ContractTranche.objects.bulk_create(rows)
    audit_log(
        instance=contract,
        action="tenders.contract.tranches_set",
        user=by,
        data={
            "tranches": [f"{row.number}: {format_rmb(row.amount)}" for row in rows],
            "earlier": earlier,
            "count": len(rows),
            "total": format_rmb(total),
        },
    )
    return contract


@transaction.atomic
def contract_tranche_pay(
    *, tranche: ContractTranche, paid_on: date, reference: str, by
) -> ContractTranche:
    """Record that the bureau paid ``tranche`` on ``paid_on`` under payment voucher
    ``reference``. Before: a bureau officer; the tranche unpaid and released (its report
    accepted, or its acceptance signed off and not failed); the date not in the future nor
    before the release; the contract's payments with this one within its value. After: the
    tranche is paid, ``Contract.paid_total`` grew by its amount (one conditional update), the
    bureau's reminders about it are done and the provider's members are told."""
    require_allowed(tranches_user_may_pay, by, tranche, message=NOT_ALLOWED)
    tranche = (
        ContractTranche.objects.select_for_update(of=("self",))
        .select_related("contract__tender", "contract__organisation", "report", "acceptance")
        .get(pk=tranche.pk)
    )
    number = tranche.number
    if tranche.is_paid:
        raise ServiceError(ALREADY_PAID % {"number": number}, code="paid")
    if tranche.failed:
        raise ServiceError(RELEASE_FAILED % {"number": number}, code="failed")
    released_on = tranche.released_on
    if released_on is None:
        raise ServiceError(NOT_RELEASED % {"number": number}, code="not_released")
    reference = (reference or "").strip()
    if not reference:
        raise ServiceError(REFERENCE_REQUIRED, code="reference")
    if paid_on > timezone.localdate():
        raise ServiceError(PAID_IN_FUTURE, code="future")
    if paid_on < released_on:
        raise ServiceError(PAID_BEFORE_RELEASE % {"date": f"{released_on:%Y-%m-%d}"}, code="early")
    # The database decides, whatever another payment or amendment did meanwhile.
    moved = Contract.objects.filter(
        pk=tranche.contract_id, paid_total__lte=F("value") - tranche.amount
    ).update(paid_total=F("paid_total") + tranche.amount)
    contract = tranche.contract
    if moved != 1:
        contract.refresh_from_db(fields=["value", "paid_total"])
        raise ServiceError(
            PAYMENT_OVER_VALUE
            % {
                "amount": format_rmb(tranche.amount),
                "value": format_rmb(contract.value),
                "paid": format_rmb(contract.paid_total),
            },
            code="over_value",
        )
    contract.refresh_from_db(fields=["value", "paid_total"])
    tranche.paid_on, tranche.paid_by, tranche.paid_reference = paid_on, by, reference[:60]
    tranche.save(update_fields=["paid_on", "paid_by", "paid_reference"])
    audit_log(
        instance=contract,
        action="tenders.contract.tranche_pay",
        user=by,
        data={
            "number": number,
            "amount": format_rmb(tranche.amount),
            "paid_on": f"{paid_on:%Y-%m-%d}",
            "reference": tranche.paid_reference,
            "paid_total": format_rmb(contract.paid_total),
        },
    )
    notifications_done(item=tranche, kinds=["tenders/email/duty_due"])
    notify_on_commit(
        users=organisation_members([contract.organisation_id]),
        template="tenders/email/tranche_paid",
        context={"contract": contract, "tranche": tranche, "tender": contract.tender},
        link=("tenders_portal:contract", [contract.pk]),
    )
    return tranche


def tranches_detach_reports(contract: Contract) -> list[dict]:
    """Before the reporting schedule is made again (``contract_kpis_set``, while no report was
    submitted, so no tranche tied to a report is paid): take out the tranches tied to reports
    and return them, to be tied again to the new reports of the same numbers."""
    tied = contract.tranches.filter(report__isnull=False, paid_on__isnull=True).select_related(
        "report"
    )
    saved = [
        {
            "number": t.number,
            "amount": t.amount,
            "report": t.report.number,
            "pay_within_days": t.pay_within_days,
            "created_by": t.created_by_id,
        }
        for t in tied
    ]
    contract.tranches.filter(report__isnull=False, paid_on__isnull=True).delete()
    return saved


TRANCHE_REPORT_GONE = _(
    "Tranche %(number)s is paid on report %(report)s, which the new reporting schedule does "
    "not have: change the payment schedule first."
)


def tranches_attach_reports(contract: Contract, saved: list[dict]) -> None:
    """Tie the tranches ``tranches_detach_reports`` took out to the new reports."""
    reports = {report.number: report for report in contract.reports.all()}
    for row in saved:
        report = reports.get(row["report"])
        if report is None:
            raise ServiceError(
                TRANCHE_REPORT_GONE % {"number": row["number"], "report": row["report"]},
                code="tranche_report_gone",
            )
        ContractTranche.objects.create(
            contract=contract,
            number=row["number"],
            amount=row["amount"],
            report=report,
            pay_within_days=row["pay_within_days"],
            created_by_id=row["created_by"],
        )
