"""Open data: the published tenders as Open Contracting Data Standard 1.1 release packages
(https://standard.open-contracting.org/1.1/), at stable URLs outside the language prefixes:
``/open-data/ocds/tenders.json`` (every published tender) and
``/open-data/ocds/tenders/<reference>.json`` (one tender).

One release per tender, a snapshot of what is public now: the tender, and once it is awarded
the award, the bidders and the winner, and once the award is final the contract. Sealed bids,
their prices and the evaluators' scores are never published, nor is who bid before the award;
no person is named (organisations only, no contact points).

Identifiers: the contracting process is ``<OCDS_PREFIX>-<reference>`` (``OCDS_PREFIX`` is the
bureau's OCDS prefix as the Open Contracting Partnership registers it: ``ocds-`` and six
characters); a release is ``<ocid>-<date of its last change, YYYYMMDDHHMMSS>``; an
organisation with a unified social credit code is ``CN-USCI-<code>`` (org-id.guide's list code
for 统一社会信用代码), one without ``<OCDS_PREFIX>-org-<id>``; the bureau itself is
``CN-USCI-<its code>`` when the site settings carry it, ``<OCDS_PREFIX>-org-bureau`` until then.

Only live, public pages of the default language tree are published (the bids, awards and
contracts belong to the page's ``Tender``, which every language page of it shares)."""

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from incubator.kernel.letterhead import current_letterhead
from incubator.models import Organisation
from tenders.choices import TenderStatus
from tenders.models import Contract, TenderAward, TenderBid, TenderCriterion, TenderPage
from tenders.services.awards import contract_ends_on
from tenders.services.eligibility import DEFAULT_STAGES

OCDS_VERSION = "1.1"
CURRENCY = "CNY"
BUREAU_ROLES = ["buyer", "procuringEntity"]
# org-id.guide: the unified social credit code (统一社会信用代码) of any Chinese organisation.
USCI_SCHEME = "CN-USCI"

# Our derived status → the closed OCDS tenderStatus codelist. A tender past its deadline and
# not yet awarded is still an active contracting process.
TENDER_STATUS = {
    TenderStatus.UPCOMING: "planned",
    TenderStatus.OPEN: "active",
    TenderStatus.CLOSED: "active",
    TenderStatus.UNDER_EVALUATION: "active",
    TenderStatus.AWARDED: "complete",
    TenderStatus.CANCELLED: "cancelled",
}
# The award's state → the closed awardStatus codelist: public but not final yet (notice,
# challenge period, challenged) is pending; final is active.
AWARD_STATUS = {
    TenderAward.Status.PENDING: "pending",
    TenderAward.Status.CHALLENGED: "pending",
    TenderAward.Status.FINAL: "active",
}


def _amount(value: Decimal | None) -> dict:
    # Two decimal places, far below 2**53 cents: the float is exactly the amount in yuan.
    return {"amount": float(value or 0), "currency": CURRENCY}


def _datetime(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _date_start(day) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _date_end(day) -> str:
    return f"{day.isoformat()}T23:59:59+08:00"


def ocid(reference: str) -> str:
    return f"{settings.OCDS_PREFIX}-{reference}"


def organisation_party(organisation: Organisation, roles: list[str]) -> dict:
    """An organisation as a party; its credit code is its identifier."""
    party = {"name": organisation.name, "roles": roles}
    if organisation.credit_code:
        party["id"] = f"{USCI_SCHEME}-{organisation.credit_code}"
        party["identifier"] = {
            "scheme": USCI_SCHEME,
            "id": organisation.credit_code,
            "legalName": organisation.name,
        }
    else:
        party["id"] = f"{settings.OCDS_PREFIX}-org-{organisation.pk}"
    return party


def _reference(party: dict) -> dict:
    return {"id": party["id"], "name": party["name"]}


def _bureau() -> dict:
    """The bureau as a party: by its credit code when configured, by our prefix otherwise."""
    letterhead = current_letterhead()
    name = letterhead.bureau_name_zh or str(_("Bureau of Civil Affairs"))
    if letterhead.credit_code:
        return {
            "id": f"{USCI_SCHEME}-{letterhead.credit_code}",
            "name": name,
            "identifier": {"scheme": USCI_SCHEME, "id": letterhead.credit_code, "legalName": name},
        }
    return {"id": f"{settings.OCDS_PREFIX}-org-bureau", "name": name}


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
    if tender.required_documents.strip():
        lines.append(_("Every bid must attach:"))
        lines.extend(line.strip() for line in tender.required_documents.splitlines() if line)
    return "\n".join(lines)


def _criteria(tender: TenderPage) -> str:
    return "\n".join(
        f"{criterion.name}: {criterion.weight}/100"
        + (_(" (scored by formula on the price)") if criterion.is_price else "")
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
    """The standing award of each tender (by translation key, with its winner and contract),
    and the organisations whose bids reached the deadline, for awarded tenders only. Two
    queries whatever the number of tenders."""
    keys = [tender.translation_key for tender in tenders]
    awards = {
        award.tender.translation_key: award
        for award in TenderAward.objects.filter(tender__translation_key__in=keys)
        .exclude(status=TenderAward.Status.SET_ASIDE)
        .select_related("tender", "bid__organisation", "contract")
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


def _contract(contract: Contract, award_id: str, today) -> dict:
    if today < contract.starts_on:
        status = "pending"
    elif today <= contract.ends_on:
        status = "active"
    else:
        status = "terminated"
    return {
        "id": f"{award_id.rsplit('-award-', 1)[0]}-contract-{contract.pk}",
        "awardID": award_id,
        "status": status,
        "value": _amount(contract.value),
        "period": {
            "startDate": _date_start(contract.starts_on),
            "endDate": _date_end(contract.ends_on),
        },
    }


def release(
    tender: TenderPage, *, award: TenderAward | None, tenderers: list, bureau: dict, now=None
) -> dict:
    """The OCDS release of one tender as it stands at ``now``."""
    now = now or timezone.now()
    process = ocid(tender.reference)
    bureau_party = {**bureau, "roles": list(BUREAU_ROLES)}
    parties = [bureau_party]
    buyer = _reference(bureau_party)
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
        "procuringEntity": _reference(bureau_party),
        "value": _amount(tender.budget_ceiling),
        "procurementMethod": "open",
        "procurementMethodDetails": _("Open tender for government purchase of services"),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria(tender),
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {
            "startDate": _datetime(tender.opens_at),
            "endDate": _datetime(tender.deadline),
        },
        "enquiryPeriod": {
            "startDate": _datetime(tender.opens_at),
            "endDate": _datetime(tender.clarification_cutoff),
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
        data["tenderers"] = [_reference(party) for party in [supplier, *others]]
        data["numberOfTenderers"] = len(data["tenderers"])
        award_id = f"{process}-award-{award.pk}"
        ends_on = contract_ends_on(award.contract_starts_on, award.contract_months)
        result["awards"] = [
            {
                "id": award_id,
                "title": tender.title,
                "status": AWARD_STATUS[award.status],
                "date": _datetime(award.decided_at),
                "value": _amount(award.amount),
                "suppliers": [_reference(supplier)],
                "contractPeriod": {
                    "startDate": _date_start(award.contract_starts_on),
                    "endDate": _date_end(ends_on),
                },
            }
        ]
        tags.append("award")
        changed.extend(moment for moment in (award.decided_at, award.finalised_at) if moment)
        contract = getattr(award, "contract", None)
        if contract is not None:
            result["contracts"] = [_contract(contract, award_id, timezone.localdate(now))]
            tags.append("contract")
            changed.append(contract.created_at)
    date = max(changed)
    return {
        "ocid": process,
        "id": f"{process}-{timezone.localtime(date):%Y%m%d%H%M%S}",
        "date": _datetime(date),
        "tag": tags,
        **{key: value for key, value in result.items() if key != "ocid"},
    }


def release_package(tenders, *, uri: str, now=None) -> dict:
    """A release package of ``tenders`` (from ``published_tenders``)."""
    now = now or timezone.now()
    tenders = list(tenders)
    bureau = _bureau()
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
    published = max((item["date"] for item in releases), default=_datetime(now))
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published,
        "publisher": _publisher(bureau),
        "license": settings.OPEN_DATA_LICENSE,
        "releases": releases,
    }


def _publisher(bureau: dict) -> dict:
    identifier = bureau.get("identifier")
    if identifier:
        return {"name": bureau["name"], "scheme": identifier["scheme"], "uid": identifier["id"]}
    return {"name": bureau["name"], "uid": settings.OCDS_PREFIX}


def _json(package: dict) -> HttpResponse:
    body = json.dumps(package, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/ocds/"


@require_GET
@cache_control(public=True, max_age=900)
def tenders_view(request):
    """Every published tender, in Chinese whatever the visitor's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _json(release_package(published_tenders(), uri=_base() + "tenders.json"))


@require_GET
@cache_control(public=True, max_age=900)
def tender_view(request, reference: str):
    """One published tender's release package."""
    tenders = list(published_tenders().filter(reference=reference))
    if not tenders:
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        uri = _base() + f"tenders/{reference}.json"
        return _json(release_package(tenders, uri=uri))


urlpatterns = [
    path("tenders.json", tenders_view, name="open_data_ocds_tenders"),
    path("tenders/<str:reference>.json", tender_view, name="open_data_ocds_tender"),
]
