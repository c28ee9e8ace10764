"""The bureau's own deadlines after an award, timed like the providers': sign the contract
within 30 days of the award notice (Government Procurement Law Art. 46; the notice is the
decision, dated in China Standard Time), publish it within 2 working days of signing
(Implementing Regulation Art. 50), answer each challenge within 7 working days of receiving
it, pay each tranche within the days the contract names after its report or acceptance is
accepted (calendar days, from the day of acceptance in China Standard Time). Reads only: each
list costs a fixed number of queries (working days come from the cached
calendar)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.calendar import DeadlineState, add_working_days, deadline_state
from tenders.models import AwardChallenge, Contract, TenderAward
from tenders.models.acceptance import AcceptanceConclusion
from tenders.models.delivery import ContractReport
from tenders.models.payments import ContractTranche

SIGN_WITHIN_DAYS = 30
PUBLISH_WITHIN_WORKING_DAYS = 2
ANSWER_WITHIN_WORKING_DAYS = 7
# A duty enters the bureau's "due soon" list (and its reminder goes out) this many days ahead.
DUE_SOON_DAYS = 3

KIND_LABELS = {
    "sign": _("Sign the contract"),
    "publish": _("Publish the contract"),
    "answer": _("Answer the challenge"),
    "pay": _("Pay tranche %(number)s"),
}
STATE_LABELS = {
    "met": _("Met"),
    "late": _("Done late"),
    "open": _("Open"),
    "overdue": _("Overdue"),
}


@dataclass(frozen=True)
class Duty:
    """One deadline of the bureau: what (``kind``), about which record, due when, done when
    (None while open), counted from ``starts_on`` (for the provisional-calendar caveat)."""

    kind: str
    record: object
    tender: object
    starts_on: date
    due_on: date
    done_on: date | None
    today: date

    @property
    def state(self) -> str:
        if self.done_on is not None:
            return "met" if self.done_on <= self.due_on else "late"
        return "overdue" if self.today > self.due_on else "open"

    @property
    def days_late(self) -> int:
        """Calendar days past the due date: when it was done, or until today while open."""
        return max(0, ((self.done_on or self.today) - self.due_on).days)

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def label(self) -> str:
        if self.kind == "pay":
            return str(KIND_LABELS["pay"]) % {"number": self.record.number}
        return str(KIND_LABELS[self.kind])

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def calendar(self) -> DeadlineState:
        """Whether a working-day count ran through a year nobody has confirmed yet."""
        if self.kind in ("sign", "pay"):
            return DeadlineState(())
        return deadline_state(self.starts_on, self.due_on)

    @property
    def admin_url(self) -> str:
        if self.kind == "answer":
            return reverse("tenders_admin:tender", args=[self.tender.pk])
        return reverse("tender_contracts:inspect", args=[self.contract_pk])

    @property
    def party(self) -> str:
        """Whom the duty is owed to: the challenger, or the contract's provider (read with
        the record by ``open_duties``)."""
        if self.kind == "answer":
            return self.record.challenger
        contract = self.record.contract if self.kind == "pay" else self.record
        return contract.organisation.name if isinstance(contract, Contract) else ""

    @property
    def contract_pk(self) -> int:
        """The contract the duty is about (sign, publish, pay)."""
        return self.record.contract_id if self.kind == "pay" else self.record.pk


def sign_duty(award: TenderAward, contract: Contract | None, today: date) -> Duty:
    """Sign within 30 calendar days of the award notice (the decision's date in CST)."""
    decided_on = timezone.localdate(award.decided_at)
    return Duty(
        kind="sign",
        record=contract or award,
        tender=award.tender,
        starts_on=decided_on,
        due_on=decided_on + timedelta(days=SIGN_WITHIN_DAYS),
        done_on=contract.signed_on if contract is not None else None,
        today=today,
    )


def publish_duty(contract: Contract, today: date) -> Duty | None:
    """Publish within 2 working days of signing; None while the contract is unsigned."""
    if contract.signed_on is None:
        return None
    published = contract.published_at
    return Duty(
        kind="publish",
        record=contract,
        tender=contract.award.tender,
        starts_on=contract.signed_on,
        due_on=add_working_days(contract.signed_on, PUBLISH_WITHIN_WORKING_DAYS),
        done_on=timezone.localdate(published) if published is not None else None,
        today=today,
    )


def answer_duty(challenge: AwardChallenge, today: date) -> Duty:
    """Answer within 7 working days of receiving the challenge."""
    return Duty(
        kind="answer",
        record=challenge,
        tender=challenge.award.tender,
        starts_on=challenge.received_on,
        due_on=add_working_days(challenge.received_on, ANSWER_WITHIN_WORKING_DAYS),
        done_on=challenge.answered_on,
        today=today,
    )


def pay_duty(tranche: ContractTranche, tender, today: date) -> Duty | None:
    """Pay within the tranche's days after its release; None until released."""
    released_on = tranche.released_on
    if released_on is None:
        return None
    return Duty(
        kind="pay",
        record=tranche,
        tender=tender,
        starts_on=released_on,
        due_on=tranche.due_on,
        done_on=tranche.paid_on,
        today=today,
    )


def released_tranches() -> QuerySet[ContractTranche]:
    """Tranches whose report was accepted or whose acceptance was signed off, not failed."""
    return ContractTranche.objects.filter(
        Q(report__status=ContractReport.Status.ACCEPTED)
        | (
            Q(acceptance__signed_off_at__isnull=False)
            & ~Q(acceptance__conclusion=AcceptanceConclusion.FAILED)
        )
    )


def contract_duties(
    contract: Contract, today: date | None = None, *, payments: bool = True
) -> list[Duty]:
    """Signing and publication duties of one contract (``award__tender`` read with it) and,
    with ``payments``, the payment of each released tranche (one query)."""
    today = today or timezone.localdate()
    duties = [sign_duty(contract.award, contract, today)]
    publish = publish_duty(contract, today)
    if publish is not None:
        duties.append(publish)
    if payments:
        tranches = (
            released_tranches().filter(contract=contract).select_related("report", "acceptance")
        )
        for tranche in tranches.order_by("number"):
            duty = pay_duty(tranche, contract.award.tender, today)
            if duty is not None:
                duties.append(duty)
    return duties


def open_duties(*, today: date | None = None) -> list[Duty]:
    """Every duty the bureau has not done yet, the most urgent first. Three queries:
    contracts not yet signed or published, challenges waiting for an answer (on an award that
    is still challenged; older resolutions recorded no date), and released tranches not paid."""
    today = today or timezone.localdate()
    contracts = (
        Contract.objects.filter(Q(signed_on__isnull=True) | Q(published_at__isnull=True))
        .select_related("award__tender", "organisation")
        .only(
            "award_id",
            "organisation_id",
            "signed_on",
            "published_at",
            "award__decided_at",
            "award__tender__reference",
            "organisation__name",
        )
        .order_by("pk")
    )
    duties = []
    for contract in contracts:
        duties.extend(
            duty
            for duty in contract_duties(contract, today, payments=False)
            if duty.done_on is None
        )
    challenges = (
        AwardChallenge.objects.filter(
            answered_on__isnull=True, award__status=TenderAward.Status.CHALLENGED
        )
        .select_related("award__tender")
        .order_by("pk")
    )
    duties.extend(answer_duty(challenge, today) for challenge in challenges)
    unpaid = (
        released_tranches()
        .filter(paid_on__isnull=True)
        .select_related("report", "acceptance", "contract__tender", "contract__organisation")
        # What a payment duty shows and is timed by, not the tender page's every column.
        .only(
            "contract_id",
            "number",
            "report_id",
            "acceptance_id",
            "pay_within_days",
            "paid_on",
            "report__status",
            "report__decided_at",
            "acceptance__signed_off_at",
            "acceptance__conclusion",
            "contract__tender__reference",
            "contract__organisation__name",
        )
        .order_by("pk")
    )
    for tranche in unpaid:
        duty = pay_duty(tranche, tranche.contract.tender, today)
        if duty is not None:
            duties.append(duty)
    return sorted(duties, key=lambda duty: (duty.due_on, duty.kind, duty.record.pk))


def award_delivery(award: TenderAward | None, today: date | None = None) -> dict:
    """What the public tender page shows after an award: the contract once published (with
    its amendments and published acceptances), and whether each of the bureau's duties was
    met, and the service sites it runs with links to their performance pages. Six queries at
    most (challenges, contract, amendments, acceptances and their findings, sites); none
    before an award."""
    if award is None or award.status == TenderAward.Status.SET_ASIDE:
        return {
            "duties": [],
            "published_contract": None,
            "amendments": [],
            "acceptances": [],
            "sites": [],
        }
    today = today or timezone.localdate()
    duties = [
        answer_duty(challenge, today)
        for challenge in award.challenges.all().order_by("received_on", "pk")
        if challenge.answered_on is not None or award.status == TenderAward.Status.CHALLENGED
    ]
    contract = Contract.objects.filter(award=award).first()
    if contract is not None:
        contract.award = award
    duties.append(sign_duty(award, contract, today))
    publish = publish_duty(contract, today) if contract is not None else None
    if publish is not None:
        duties.append(publish)
    published = contract if contract is not None and contract.published_at else None
    amendments = list(published.amendments.all()) if published is not None else []
    # Published acceptances with their findings; the page only counts who took part.
    acceptances = (
        list(published.acceptances.filter(published_at__isnull=False).prefetch_related("items"))
        if published is not None
        else []
    )
    sites = list(published.sites.order_by("name")) if published is not None else []
    return {
        "duties": duties,
        "published_contract": published,
        "amendments": amendments,
        "acceptances": acceptances,
        "sites": sites,
    }
