"""The organisation portal after an award: what became of each bid (won or not won, with
the notice and the letter), and the organisation's contracts. Another organisation's
contract answers 404, like anything outside the member's organisation."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.models import Letter
from incubator.kernel.permissions import get_visible_or_404
from tenders.charts import contract_kpi_charts
from tenders.letters import TenderLetterKind
from tenders.models import (
    ContractAcceptance,
    ContractAmendment,
    TenderAward,
    TenderBid,
    TenderPage,
)
from tenders.selectors import contract_tranches, contracts_visible_to


@dataclass
class Outcome:
    """What became of a bid once its tender is awarded: won or not, and its letter."""

    won: bool
    award: TenderAward
    letter: Letter | None = None

    @property
    def state(self) -> str:
        return "won" if self.won else "lost"


def _letters(organisation, kinds) -> dict:
    """The organisation's letters of ``kinds`` by (kind, subject id), valid ones first."""
    letters = Letter.objects.filter(recipient=organisation, kind__in=kinds).order_by(
        F("revoked_at").desc(nulls_last=True), "issued_at"
    )
    # Ordered so that a valid letter (revoked_at NULL) is written last and wins.
    return {(letter.kind, letter.subject_id): letter for letter in letters}


def attach_outcomes(bids, organisation) -> None:
    """Set ``bid.outcome`` on each bid of ``organisation``: None until its tender has a
    standing award (or for a bid that never reached the deadline); otherwise won or not won,
    with the award or regret letter. Expects ``tender__awards`` prefetched as ``standing``
    (``standing_awards_prefetch``); reads the letters in one query."""
    bids = list(bids)
    letters = _letters(
        organisation, [TenderLetterKind.TENDER_AWARD, TenderLetterKind.TENDER_REGRET]
    )
    for bid in bids:
        standing = getattr(bid.tender, "standing", None)
        award = standing[0] if standing else None
        if award is None or bid.status != TenderBid.Status.SUBMITTED:
            bid.outcome = None
            continue
        won = award.bid_id == bid.pk
        key = (
            (TenderLetterKind.TENDER_AWARD, str(award.pk))
            if won
            else (TenderLetterKind.TENDER_REGRET, str(bid.pk))
        )
        bid.outcome = Outcome(won=won, award=award, letter=letters.get(key))


def standing_awards_prefetch() -> Prefetch:
    """The tender's award that stands, as ``tender.standing`` (a list of at most one)."""
    standing = TenderAward.objects.exclude(status=TenderAward.Status.SET_ASIDE)
    return Prefetch("tender__awards", queryset=standing, to_attr="standing")


def _contracts(request):
    return (
        contracts_visible_to(request.user)
        .filter(organisation=request.membership.organisation)
        .select_related("tender", "award")
        .prefetch_related(
            Prefetch("tender__pages", queryset=TenderPage.objects.select_related("locale"))
        )
    )


@member_required
def contracts(request):
    """The organisation's service contracts, newest first."""
    rows = _contracts(request).order_by("-starts_on", "-pk")
    return TemplateResponse(
        request, "tenders/portal/contracts.html", _context(request, contracts=rows)
    )


@member_required
def contract(request, pk: int):
    """One contract of the organisation: value, period, deliverables, its amendments, its
    signed-off acceptances, its letters (the award letter, each amendment's and each
    acceptance's), its KPIs with a chart of each over the accepted reports, the reports due
    on it and its payments: paid, or waiting and why."""
    contract = get_visible_or_404(request, _contracts(request), pk=pk)
    amendments = list(contract.amendments.all())
    acceptances = list(
        contract.acceptances.filter(signed_off_at__isnull=False).prefetch_related("items")
    )
    today = timezone.localdate()
    tranches = contract_tranches(contract)
    for tranche in tranches:
        tranche.current_state = tranche.state(today)
    letters = (
        Letter.objects.filter(recipient=contract.organisation_id)
        .filter(
            Q(
                kind=TenderLetterKind.TENDER_AWARD,
                subject_type=ContentType.objects.get_for_model(TenderAward),
                subject_id=str(contract.award_id),
            )
            | Q(
                kind=TenderLetterKind.CONTRACT_AMENDMENT,
                subject_type=ContentType.objects.get_for_model(ContractAmendment),
                subject_id__in=[str(amendment.pk) for amendment in amendments],
            )
            | Q(
                kind=TenderLetterKind.CONTRACT_ACCEPTANCE,
                subject_type=ContentType.objects.get_for_model(ContractAcceptance),
                subject_id__in=[str(acceptance.pk) for acceptance in acceptances],
            )
        )
        .select_related("replaced_by")
        .order_by("issued_at", "pk")
    )
    valid = {
        letter.subject_id: letter
        for letter in letters
        if letter.kind == TenderLetterKind.CONTRACT_ACCEPTANCE and letter.revoked_at is None
    }
    for acceptance in acceptances:
        acceptance.letter = valid.get(str(acceptance.pk))
    kpis = list(contract.kpis.all())
    return TemplateResponse(
        request,
        "tenders/portal/contract.html",
        _context(
            request,
            contract=contract,
            tender=contract.tender,
            letters=letters,
            kpis=kpis,
            kpi_charts=contract_kpi_charts(contract, kpis),
            reports=contract.reports.all(),
            today=today,
            amendments=amendments,
            acceptances=acceptances,
            tranches=tranches,
        ),
    )
