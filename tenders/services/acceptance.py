"""Acceptance (验收) of a contract's service (Implementing Regulation of the Government
Procurement Law, Art. 45): at the points the contract names and at its end, a bureau officer
records a written finding against each standard (every KPI, and any other standard the
contract names) with the service users who took part, named or only counted; signs it off,
which fixes it and issues the acceptance letter to the provider; and publishes it on the
tender's public page. Bureau officers only; each step is audited on the contract."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.letters import letter_issue
from incubator.kernel.services.notifications import notify_on_commit
from tenders.letters import TenderLetterKind, acceptance_letter_details
from tenders.models import (
    AcceptanceConclusion,
    AcceptanceKind,
    Contract,
    ContractAcceptance,
    ContractAcceptanceItem,
    ContractStage,
    StandardResult,
    contract_stage,
)
from tenders.selectors import (
    acceptances_user_may_change,
    acceptances_user_may_publish,
    acceptances_user_may_sign_off,
    contracts_user_may_accept,
)
from tenders.services import NOT_ALLOWED

ACCEPTANCE_LETTER_TITLE = pgettext_lazy("letter title", "Notice of Service Acceptance")

NOT_SIGNED = _("Only a signed contract's service can be accepted.")
KIND_REQUIRED = _("Choose whether this is an interim or the final acceptance.")
FINAL_TWICE = _("This contract already has its final acceptance; there is only one.")
PERIOD_REVERSED = _("The accepted service cannot end before it starts.")
PERIOD_OUTSIDE = _(
    "The accepted service must lie within the contract period, %(start)s to %(end)s."
)
HELD_IN_FUTURE = _("The acceptance cannot be held in the future.")
HELD_TOO_EARLY = _("The acceptance cannot be held before the service it accepts starts.")
STANDARD_REQUIRED = _("Name the standard of every finding.")
RESULT_REQUIRED = _("Say whether “%(standard)s” was met, partly met or not met.")
KPI_FOREIGN = _("A finding names a KPI of another contract.")
KPI_MISSING = _("Every KPI of the contract needs a finding; “%(kpi)s” has none.")
ITEMS_REQUIRED = _("An acceptance needs at least one standard with its result.")
UNNAMED_NEGATIVE = _("The number of service users not named cannot be negative.")
ALREADY_SIGNED = _("This acceptance is signed off already; it cannot be changed.")
CONCLUSION_REQUIRED = _("Give the acceptance's conclusion before signing it off.")
FINDING_REQUIRED = _("Write down at least one finding before signing the acceptance off.")
PARTICIPANTS_REQUIRED = _(
    "Name or count the service users who took part: an acceptance without them cannot be "
    "signed off."
)
NOT_SIGNED_OFF = _("Only a signed-off acceptance can be published.")
ALREADY_PUBLISHED = _("This acceptance is published already.")
CONTRACT_NOT_PUBLISHED = _("Publish the contract first: the acceptance is shown with it.")


def _locked_contract(contract: Contract) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("tender", "organisation")
        .get(pk=contract.pk)
    )


def _locked(acceptance: ContractAcceptance) -> ContractAcceptance:
    return (
        ContractAcceptance.objects.select_for_update(of=("self",))
        .select_related("contract__tender", "contract__organisation")
        .get(pk=acceptance.pk)
    )


def _clean_items(contract: Contract, items) -> list[ContractAcceptanceItem]:
    """The findings as rows: each names its standard and result; a KPI must be the
    contract's, and every KPI of the contract has a finding."""
    kpis = {kpi.pk: kpi for kpi in contract.kpis.all()}
    rows = []
    for position, item in enumerate(items or []):
        kpi = item.get("kpi")
        kpi_id = getattr(kpi, "pk", kpi)
        if kpi_id is not None and kpi_id not in kpis:
            raise ServiceError(KPI_FOREIGN, code="kpi_foreign")
        kpi = kpis.get(kpi_id)
        standard = (item.get("standard") or "").strip() or (kpi.name if kpi else "")
        if not standard:
            raise ServiceError(STANDARD_REQUIRED, code="standard_required")
        result = item.get("result") or ""
        if result not in StandardResult.values:
            raise ServiceError(RESULT_REQUIRED % {"standard": standard}, code="result_required")
        rows.append(
            ContractAcceptanceItem(
                kpi=kpi,
                standard=standard[:200],
                result=result,
                finding=(item.get("finding") or "").strip(),
                position=position,
            )
        )
    if not rows:
        raise ServiceError(ITEMS_REQUIRED, code="items_required")
    assessed = {row.kpi.pk for row in rows if row.kpi is not None}
    for kpi in kpis.values():
        if kpi.pk not in assessed:
            raise ServiceError(KPI_MISSING % {"kpi": kpi.name}, code="kpi_missing")
    return rows


def _check_dates(contract, held_on, starts_on, ends_on, today) -> None:
    if starts_on > ends_on:
        raise ServiceError(PERIOD_REVERSED, code="period_reversed")
    if starts_on < contract.starts_on or ends_on > contract.ends_on:
        raise ServiceError(
            PERIOD_OUTSIDE
            % {"start": f"{contract.starts_on:%Y-%m-%d}", "end": f"{contract.ends_on:%Y-%m-%d}"},
            code="period_outside",
        )
    if held_on > today:
        raise ServiceError(HELD_IN_FUTURE, code="held_in_future")
    if held_on < starts_on:
        raise ServiceError(HELD_TOO_EARLY, code="held_too_early")


@transaction.atomic
def contract_acceptance_record(
    *,
    contract: Contract,
    kind: str,
    held_on: date,
    period_starts_on: date,
    period_ends_on: date,
    items,
    summary: str = "",
    conclusion: str = "",
    participants_named: str = "",
    participants_unnamed: int = 0,
    by,
    acceptance: ContractAcceptance | None = None,
    today: date | None = None,
) -> ContractAcceptance:
    """Record a draft acceptance of a signed contract's service (or, with ``acceptance``,
    change a draft not yet signed off): the kind, when it was held, the service period it
    accepts, the findings (``items``: dicts of ``kpi``, ``standard``, ``result`` and
    ``finding``; every KPI of the contract needs one) and the service users who took part.
    A new acceptance takes the next number of its contract, under the contract's row lock;
    the final acceptance comes once per contract."""
    require_allowed(contracts_user_may_accept, by, contract, message=NOT_ALLOWED)
    contract = _locked_contract(contract)
    if acceptance is not None:
        require_allowed(acceptances_user_may_change, by, acceptance, message=NOT_ALLOWED)
        acceptance = _locked(acceptance)
        if acceptance.contract_id != contract.pk:
            raise ServiceError(NOT_ALLOWED, code="not_allowed")
        if acceptance.is_signed_off:
            raise ServiceError(ALREADY_SIGNED, code="signed_off")
    if contract_stage(contract) == ContractStage.UNSIGNED:
        raise ServiceError(NOT_SIGNED, code="not_signed")
    if kind not in AcceptanceKind.values:
        raise ServiceError(KIND_REQUIRED, code="kind")
    if kind == AcceptanceKind.FINAL:
        finals = contract.acceptances.filter(kind=AcceptanceKind.FINAL)
        if acceptance is not None:
            finals = finals.exclude(pk=acceptance.pk)
        if finals.exists():
            raise ServiceError(FINAL_TWICE, code="final_twice")
    _check_dates(contract, held_on, period_starts_on, period_ends_on, today or timezone.localdate())
    if conclusion and conclusion not in AcceptanceConclusion.values:
        raise ServiceError(CONCLUSION_REQUIRED, code="conclusion")
    if participants_unnamed is None or participants_unnamed < 0:
        raise ServiceError(UNNAMED_NEGATIVE, code="unnamed")
    rows = _clean_items(contract, items)
    created = acceptance is None
    if created:
        last = contract.acceptances.aggregate(last=Max("number"))["last"] or 0
        acceptance = ContractAcceptance(contract=contract, number=last + 1, created_by=by)
    acceptance.kind = kind
    acceptance.held_on = held_on
    acceptance.period_starts_on, acceptance.period_ends_on = period_starts_on, period_ends_on
    acceptance.summary = (summary or "").strip()
    acceptance.conclusion = conclusion or ""
    names = [line.strip() for line in (participants_named or "").splitlines() if line.strip()]
    acceptance.participants_named = "\n".join(names)
    acceptance.participants_unnamed = participants_unnamed
    acceptance.full_clean(exclude=["contract", "created_by"])
    acceptance.save()
    acceptance.items.all().delete()
    for row in rows:
        row.acceptance = acceptance
    ContractAcceptanceItem.objects.bulk_create(rows)
    audit_log(
        instance=contract,
        action="tenders.acceptance.record",
        user=by,
        data={
            "number": acceptance.number,
            "kind": acceptance.get_kind_display(),
            "findings": len(rows),
            "changed": not created,
        },
    )
    return acceptance


def _acceptance_letter(acceptance: ContractAcceptance, by) -> None:
    with translation.override("zh-hans"):
        title = str(ACCEPTANCE_LETTER_TITLE)
        details = acceptance_letter_details(acceptance)
    letter_issue(
        kind=TenderLetterKind.CONTRACT_ACCEPTANCE,
        recipient=acceptance.contract.organisation,
        subject=acceptance,
        title=title,
        details=details,
        by=by,
    )


@transaction.atomic
def contract_acceptance_sign_off(
    *, acceptance: ContractAcceptance, conclusion: str = "", by, now=None
) -> ContractAcceptance:
    """Sign off a draft acceptance, which fixes it. Before: not signed off; a conclusion
    (given here or recorded), at least one written finding and at least one service user
    who took part, named or counted. After: signed off by ``by``; the acceptance letter is
    issued to the provider, whose members are told."""
    require_allowed(acceptances_user_may_sign_off, by, acceptance, message=NOT_ALLOWED)
    acceptance = _locked(acceptance)
    if acceptance.is_signed_off:
        raise ServiceError(ALREADY_SIGNED, code="signed_off")
    conclusion = conclusion or acceptance.conclusion
    if conclusion not in AcceptanceConclusion.values:
        raise ServiceError(CONCLUSION_REQUIRED, code="conclusion")
    if not any(item.finding.strip() for item in acceptance.items.all()):
        raise ServiceError(FINDING_REQUIRED, code="finding")
    if acceptance.participant_count < 1:
        raise ServiceError(PARTICIPANTS_REQUIRED, code="participants")
    acceptance.conclusion = conclusion
    acceptance.signed_off_at = now or timezone.now()
    acceptance.signed_off_by = by
    acceptance.save(update_fields=["conclusion", "signed_off_at", "signed_off_by"])
    contract = acceptance.contract
    audit_log(
        instance=contract,
        action="tenders.acceptance.sign_off",
        user=by,
        data={"number": acceptance.number, "conclusion": acceptance.get_conclusion_display()},
    )
    _acceptance_letter(acceptance, by)
    notify_on_commit(
        users=organisation_members([contract.organisation_id]),
        template="tenders/email/contract_accepted",
        context={"contract": contract, "acceptance": acceptance, "tender": contract.tender},
        link=("tenders_portal:contract", [contract.pk]),
    )
    return acceptance


@transaction.atomic
def contract_acceptance_publish(
    *, acceptance: ContractAcceptance, by, now=None
) -> ContractAcceptance:
    """Publish a signed-off acceptance on the tender's public page, with the published
    contract: its conclusion, date and findings, and how many service users took part (never
    their names). Before: signed off, not yet published; the contract published."""
    require_allowed(acceptances_user_may_publish, by, acceptance, message=NOT_ALLOWED)
    acceptance = _locked(acceptance)
    if not acceptance.is_signed_off:
        raise ServiceError(NOT_SIGNED_OFF, code="not_signed_off")
    if acceptance.published_at is not None:
        raise ServiceError(ALREADY_PUBLISHED, code="published")
    if acceptance.contract.published_at is None:
        raise ServiceError(CONTRACT_NOT_PUBLISHED, code="contract_not_published")
    acceptance.published_at = now or timezone.now()
    acceptance.save(update_fields=["published_at"])
    audit_log(
        instance=acceptance.contract,
        action="tenders.acceptance.publish",
        user=by,
        data={"number": acceptance.number},
    )
    return acceptance
