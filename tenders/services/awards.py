"""The award: the bureau decides with a rationale; the notice is public at once; after one
working day of notice and seven working days for challenges, an unchallenged award becomes
final and its contract is created. Award and regret letters go out with the decision."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.calendar import add_working_days
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import format_rmb
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.dates import add_months
from incubator.kernel.services.letters import letter_issue
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.letters import TenderLetterKind
from tenders.models import Contract, Tender, TenderAward, TenderBid, TenderPage
from tenders.selectors import (
    tenders_user_may_award,
)
from tenders.services import NOT_ALLOWED
from tenders.services.evaluation import evaluation_results

NOTICE_WORKING_DAYS = 1
CHALLENGE_WORKING_DAYS = 7
MAX_MONTHS_WITHOUT_REASON = 12
MAX_MONTHS = 36
# Government Procurement Law, Art. 46: the contract is signed within 30 days of the award notice.
SIGN_WITHIN_DAYS = 30
AWARD_LETTER_TITLE = pgettext_lazy("letter title", "Notice of Award")
REGRET_LETTER_TITLE = pgettext_lazy("letter title", "Notice of Unsuccessful Bid")

BEFORE_DEADLINE = _("A tender can be awarded only after its deadline.")
EVALUATION_UNFINISHED = _("Every assigned evaluator must finish before the award.")
AWARDED_ALREADY = _("This tender already has an award.")
NOT_COMPLIANT = _("Only a submitted bid of this tender can win it.")
OVER_BID = _("The contract value may not exceed the chosen bid's price of %(price)s.")
NOT_TOP_RANKED = _(
    "The chosen bid is not ranked first (%(top)s is): give the reason for choosing it."
)
OVER_CEILING = _("The contract value exceeds the budget ceiling of %(ceiling)s.")
AMOUNT_POSITIVE = _("The contract value must be more than zero.")
RATIONALE_REQUIRED = _("Give the rationale for the award; it is published.")
DELIVERABLES_REQUIRED = _("List the deliverables of the contract.")
LONG_CONTRACT = _("A contract over 12 months needs a reason.")
TOO_LONG = _("A contract may not run longer than 36 months.")
MOVE_REFUSED = _("The award is %(status)s; it cannot be changed that way.")


def contract_ends_on(starts_on: date, months: int) -> date:
    """The last day of a contract of ``months`` from ``starts_on``."""
    return add_months(starts_on, months) - timedelta(days=1)


def _letter_details(tender: TenderPage, award: TenderAward) -> dict:
    """What the award and regret letters say about the tender, in dates the letter writes out.
    The contract is signed once the challenge period is over and within 30 days of the award
    notice (Government Procurement Law, Art. 46)."""
    decided_on = timezone.localdate(award.decided_at)
    return {
        "tender_title": tender.title,
        "tender_reference": tender.reference,
        "commissioning_body": tender.commissioning_body,
        "contract_starts_on": award.contract_starts_on.isoformat(),
        "contract_ends_on": contract_ends_on(
            award.contract_starts_on, award.contract_months
        ).isoformat(),
        "challenge_ends_on": award.challenge_ends_on.isoformat(),
        "sign_by": (decided_on + timedelta(days=SIGN_WITHIN_DAYS)).isoformat(),
    }


@transaction.atomic
def tender_award(
    *,
    tender: TenderPage,
    bid: TenderBid,
    amount: Decimal,
    rationale: str,
    contract_starts_on: date,
    contract_months: int,
    deliverables: str,
    long_contract_reason: str = "",
    not_top_ranked_reason: str = "",
    by,
    now=None,
) -> TenderAward:
    """Award ``tender`` to ``bid``. Before: past the deadline, evaluation finished, the bid
    submitted, the value within the ceiling and not above the bid's price, a written reason
    when the bid is not ranked first, the contract at most 12 months (36 with a reason).
    After: the award is public; letters are issued; all bidders are told."""
    tender = Tender.of(tender)
    require_allowed(tenders_user_may_award, by, tender, message=NOT_ALLOWED)
    now = now or timezone.now()
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    bid = TenderBid.objects.select_related("organisation").get(pk=bid.pk)
    if now < tender.deadline:
        raise ServiceError(BEFORE_DEADLINE, code="before_deadline")
    if TenderAward.objects.filter(tender=tender).exclude(status="set_aside").exists():
        raise ServiceError(AWARDED_ALREADY, code="awarded")
    if bid.tender_id != tender.pk or bid.status != TenderBid.Status.SUBMITTED:
        raise ServiceError(NOT_COMPLIANT, code="not_compliant")
    results = evaluation_results(tender=tender)
    if not results.finished:
        raise ServiceError(EVALUATION_UNFINISHED, code="unfinished")
    if amount is None or amount <= 0:
        raise ServiceError(AMOUNT_POSITIVE, code="amount")
    if amount > tender.budget_ceiling:
        raise ServiceError(
            OVER_CEILING % {"ceiling": format_rmb(tender.budget_ceiling)}, code="ceiling"
        )
    if amount > bid.price:
        raise ServiceError(OVER_BID % {"price": format_rmb(bid.price)}, code="over_bid")
    not_top_ranked_reason = (not_top_ranked_reason or "").strip()
    top = results.rows[0].bid if results.rows else None
    if top is not None and top.pk != bid.pk and not not_top_ranked_reason:
        raise ServiceError(NOT_TOP_RANKED % {"top": top.organisation.name}, code="not_top_ranked")
    if top is not None and top.pk == bid.pk:
        not_top_ranked_reason = ""
    rationale, deliverables = (rationale or "").strip(), (deliverables or "").strip()
    long_contract_reason = (long_contract_reason or "").strip()
    if not rationale:
        raise ServiceError(RATIONALE_REQUIRED, code="rationale")
    if not deliverables:
        raise ServiceError(DELIVERABLES_REQUIRED, code="deliverables")
    if contract_months > MAX_MONTHS:
        raise ServiceError(TOO_LONG, code="too_long")
    if contract_months > MAX_MONTHS_WITHOUT_REASON and not long_contract_reason:
        raise ServiceError(LONG_CONTRACT, code="long_contract")
    decided_on = timezone.localdate(now)
    notice_ends_on = add_working_days(decided_on, NOTICE_WORKING_DAYS)
    award = TenderAward.objects.create(
        tender=tender,
        bid=bid,
        amount=amount,
        rationale=rationale,
        contract_starts_on=contract_starts_on,
        contract_months=contract_months,
        long_contract_reason=long_contract_reason,
        not_top_ranked_reason=not_top_ranked_reason,
        deliverables=deliverables,
        decided_at=now,
        decided_by=by,
        notice_ends_on=notice_ends_on,
        challenge_ends_on=add_working_days(notice_ends_on, CHALLENGE_WORKING_DAYS),
    )
    details = _letter_details(tender.source_page, award)
    with translation.override("zh-hans"):
        award_title, regret_title = str(AWARD_LETTER_TITLE), str(REGRET_LETTER_TITLE)
    letter_issue(
        kind=TenderLetterKind.TENDER_AWARD,
        recipient=bid.organisation,
        subject=award,
        title=award_title,
        details=details,
        amount=amount,
        by=by,
    )
    others = TenderBid.objects.filter(tender=tender, status__in=TenderBid.SEALED).exclude(pk=bid.pk)
    for other in others.select_related("organisation"):
        letter_issue(
            kind=TenderLetterKind.TENDER_REGRET,
            recipient=other.organisation,
            subject=other,
            title=regret_title,
            details=details,
            by=by,
        )
    audit_log(
        instance=tender.source_page,
        action="tenders.award.decide",
        user=by,
        reason=rationale,
        data={
            "organisation": bid.organisation.name,
            "amount": format_rmb(amount),
            "not_top_ranked_reason": not_top_ranked_reason,
        },
    )
    notifications_done(item=tender)  # the evaluators' work on it is over
    if not_top_ranked_reason:
        audit_log(
            instance=tender.source_page,
            action="tenders.award.not_top_ranked",
            user=by,
            reason=not_top_ranked_reason,
            data={"organisation": bid.organisation.name, "top": top.organisation.name},
        )
    notify_on_commit(
        users=organisation_members(
            TenderBid.objects.filter(tender=tender, status__in=TenderBid.SEALED).values(
                "organisation"
            )
        ),
        template="tenders/email/award_decided",
        context={"tender": tender, "award": award, "winner": bid.organisation},
        link=("tenders_portal:bid", [tender.pk]),
    )
    return award


@transaction.atomic
def award_finalise(*, award: TenderAward, today: date | None = None) -> Contract | None:
    """Make one pending award final once its challenge window has closed, and create its
    contract. Returns None (and changes nothing) when it is not due or not pending."""
    today = today or timezone.localdate()
    award = TenderAward.objects.select_for_update().select_related("bid").get(pk=award.pk)
    if award.status != TenderAward.Status.PENDING or today <= award.challenge_ends_on:
        return None
    award.status = TenderAward.Status.FINAL
    award.finalised_at = timezone.now()
    award.save(update_fields=["status", "finalised_at"])
    contract = Contract(
        award=award,
        tender_id=award.tender_id,
        organisation_id=award.bid.organisation_id,
        value=award.amount,
        original_value=award.amount,
        starts_on=award.contract_starts_on,
        ends_on=contract_ends_on(award.contract_starts_on, award.contract_months),
        deliverables=award.deliverables,
        long_contract_reason=award.long_contract_reason,
    )
    contract.full_clean()
    contract.save()
    audit_log(
        instance=award.tender.source_page,
        action="tenders.award.finalise",
        user=None,
        data={"value": format_rmb(award.amount)},
    )
    notify_on_commit(
        users=organisation_members([contract.organisation_id]),
        template="tenders/email/contract_made",
        context={"tender": award.tender, "contract": contract},
        link=("tenders_portal:bid", [award.tender_id]),
    )
    return contract


def awards_finalise(*, today: date | None = None) -> list[Contract]:
    """Finalise every pending award whose challenge window has closed (idempotent)."""
    today = today or timezone.localdate()
    due = TenderAward.objects.filter(
        status=TenderAward.Status.PENDING, challenge_ends_on__lt=today
    ).values_list("pk", flat=True)
    contracts = []
    for pk in list(due):
        contract = award_finalise(award=TenderAward(pk=pk), today=today)
        if contract is not None:
            contracts.append(contract)
    return contracts
