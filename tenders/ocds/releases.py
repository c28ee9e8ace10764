"""OCDS releases of tenders: one release per published tender, a snapshot of what is public
now (the tender; once awarded the award, the bidders and the winner; once final the contract),
and the release package of many."""

import hashlib

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from incubator.models import Organisation
from tenders.choices import TenderStatus
from tenders.models import Contract, TenderAward, TenderBid, TenderCriterion, TenderPage
from tenders.ocds.codes import (
    AWARD_STATUS,
    BUREAU_ROLES,
    OCDS_VERSION,
    TENDER_STATUS,
    bureau_as_party,
    day_end,
    day_start,
    moment,
    money,
    ocid,
    organisation_party,
    party_reference,
    publisher,
)
from tenders.ocds.implementation import (
    METRICS_EXTENSION,
    contract_delivery,
    delivery_prefetches,
    uses_metrics,
)
from tenders.services.awards import contract_ends_on
from tenders.services.eligibility import DEFAULT_STAGES


def _eligibility(tender: TenderPage) -> str:
    stages = tender.eligible_stages or list(DEFAULT_STAGES)
    lines = [
        _("Organisations that are %(stages)s may bid.")
        % {"stages": " / ".join(str(Organisation.Stage(stage).label) for stage in stages)}
    ]
    if tender.credit_code_required:
        lines.append(_("A unified social credit code is required."))
    if tender.min_months_incubated:
        lines.append(
            _("At least %(months)s months of incubation are required.")
            % {"months": tender.min_months_incubated}
        )
    if tender.no_poor_grade_years:
        lines.append(
            _("No contract period graded Poor in the %(years)s years before the deadline.")
            % {"years": tender.no_poor_grade_years}
        )
    if tender.required_documents.strip():
        lines.append(_("Every bid must attach:"))
        lines.extend(line.strip() for line in tender.required_documents.splitlines() if line)
    return "\n".join(lines)


def _criteria(tender: TenderPage) -> str:
    return "\n".join(
        f"{criterion.name}: {criterion.weight}/100"
        + (_(" (scored by formula on the price)") if criterion.is_price else "")
        + (f" ({criterion.scoring_rule})" if criterion.is_past_performance else "")
        + (f" — {criterion.description}" if criterion.description else "")
        for criterion in tender.criteria.all()
    )


def published_tenders():
    """The tenders published as open data: live, public pages of the default language tree,
    with their state (for the status) and criteria. Read with ``awards_by_group``."""
    return (
        TenderPage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .with_state()
        .prefetch_related(
            Prefetch("criteria", queryset=TenderCriterion.objects.order_by("sort_order"))
        )
        .order_by("deadline", "pk")
    )


def awards_by_group(tenders) -> tuple[dict, dict]:
    """The standing award of each tender (by translation key, with its winner, its contract
    and the contract's delivery), and the organisations whose bids reached the deadline, for
    awarded tenders only. A fixed number of queries whatever the number of tenders."""
    keys = [tender.translation_key for tender in tenders]
    awards = {
        award.tender.translation_key: award
        for award in TenderAward.objects.filter(tender__translation_key__in=keys)
        .exclude(status=TenderAward.Status.SET_ASIDE)
        .select_related("tender", "bid__organisation", "contract")
        .prefetch_related(*delivery_prefetches())
    }
    tenderers: dict = {key: [] for key in awards}
    if awards:
        bids = (
            TenderBid.objects.filter(
                tender_id__in=[award.tender_id for award in awards.values()],
                status__in=TenderBid.SEALED,
            )
            .select_related("tender", "organisation")
            .order_by("organisation__name", "pk")
        )
        for bid in bids:
            tenderers[bid.tender.translation_key].append(bid.organisation)
    return awards, tenderers


def public_address(tender: TenderPage) -> str:
    """The absolute address of ``tender``'s public page."""
    address = tender.get_url() or ""
    if address.startswith("/"):
        address = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + address
    return address


def _contract(contract: Contract, award_id: str, now, *, page_url: str) -> dict:
    today = timezone.localdate(now)
    if today < contract.starts_on:
        status = "pending"
    elif today <= contract.ends_on:
        status = "active"
    else:
        status = "terminated"
    contract_id = f"{award_id.rsplit('-award-', 1)[0]}-contract-{contract.pk}"
    delivery = contract_delivery(contract, contract_id, now, page_url=page_url)
    return {
        "id": contract_id,
        "awardID": award_id,
        "status": status,
        "value": money(contract.value),
        "period": {
            "startDate": day_start(contract.starts_on),
            "endDate": day_end(contract.ends_on),
        },
        **delivery,
    }


def release(
    tender: TenderPage, *, award: TenderAward | None, tenderers: list, bureau: dict, now=None
) -> dict:
    """The OCDS release of one tender as it stands at ``now``."""
    now = now or timezone.now()
    process = ocid(tender.reference)
    bureau_party = {**bureau, "roles": list(BUREAU_ROLES)}
    parties = [bureau_party]
    buyer = party_reference(bureau_party)
    if tender.commissioning_body and tender.commissioning_body != bureau["name"]:
        # Another body buys the service; the bureau runs the procurement.
        digest = hashlib.sha1(tender.commissioning_body.encode()).hexdigest()[:10]
        bureau_party["roles"] = ["procuringEntity"]
        buyer = {"id": f"{settings.OCDS_PREFIX}-buyer-{digest}", "name": tender.commissioning_body}
        parties.append({**buyer, "roles": ["buyer"]})
    status = tender.status(now)
    changed = [tender.last_published_at or tender.first_published_at or now]
    tags = ["tenderCancellation"] if status == TenderStatus.CANCELLED else ["tender"]
    data = {
        "id": tender.reference,
        "title": tender.title,
        "description": tender.summary,
        "status": TENDER_STATUS[status],
        "procuringEntity": party_reference(bureau_party),
        "value": money(tender.budget_ceiling),
        "procurementMethod": "open",
        "procurementMethodDetails": _("Open tender for government purchase of services"),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria(tender),
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {
            "startDate": moment(tender.opens_at),
            "endDate": moment(tender.deadline),
        },
        "enquiryPeriod": {
            "startDate": moment(tender.opens_at),
            "endDate": moment(tender.clarification_cutoff),
        },
        "eligibilityCriteria": _eligibility(tender),
    }
    if tender.cancelled_at:
        changed.append(tender.cancelled_at)
    result = {
        "ocid": process,
        "initiationType": "tender",
        "language": "zh",
        "parties": parties,
        "buyer": buyer,
        "tender": data,
    }
    if award is not None:
        supplier = organisation_party(award.bid.organisation, ["supplier", "tenderer"])
        others = [
            organisation_party(organisation, ["tenderer"])
            for organisation in tenderers
            if organisation.pk != award.bid.organisation_id
        ]
        parties.extend([supplier, *others])
        data["tenderers"] = [party_reference(party) for party in [supplier, *others]]
        data["numberOfTenderers"] = len(data["tenderers"])
        award_id = f"{process}-award-{award.pk}"
        ends_on = contract_ends_on(award.contract_starts_on, award.contract_months)
        result["awards"] = [
            {
                "id": award_id,
                "title": tender.title,
                "status": AWARD_STATUS[award.status],
                "date": moment(award.decided_at),
                "value": money(award.amount),
                "suppliers": [party_reference(supplier)],
                "contractPeriod": {
                    "startDate": day_start(award.contract_starts_on),
                    "endDate": day_end(ends_on),
                },
            }
        ]
        tags.append("award")
        changed.extend(moment for moment in (award.decided_at, award.finalised_at) if moment)
        contract = getattr(award, "contract", None)
        if contract is not None:
            result["contracts"] = [
                _contract(contract, award_id, now, page_url=public_address(tender))
            ]
            tags.append("contract")
            changed.append(contract.created_at)
    date = max(changed)
    return {
        "ocid": process,
        "id": f"{process}-{timezone.localtime(date):%Y%m%d%H%M%S}",
        "date": moment(date),
        "tag": tags,
        **{key: value for key, value in result.items() if key != "ocid"},
    }


def release_package(tenders, *, uri: str, now=None) -> dict:
    """A release package of ``tenders`` (from ``published_tenders``)."""
    now = now or timezone.now()
    tenders = list(tenders)
    bureau = bureau_as_party()
    awards, tenderers = awards_by_group(tenders)
    releases = [
        release(
            tender,
            award=awards.get(tender.translation_key),
            tenderers=tenderers.get(tender.translation_key, []),
            bureau=bureau,
            now=now,
        )
        for tender in tenders
    ]
    published = max((item["date"] for item in releases), default=moment(now))
    extensions = [METRICS_EXTENSION] if any(map(uses_metrics, releases)) else []
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        **({"extensions": extensions} if extensions else {}),
        "publishedDate": published,
        "publisher": publisher(bureau),
        "license": settings.OPEN_DATA_LICENSE,
        "releases": releases,
    }
