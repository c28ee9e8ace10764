"""The OCDS vocabulary of tenders: codelist mappings, amounts and dates as OCDS writes them,
the identifiers of the contracting process and of organisations, the bureau as a party and
as the publisher. See ``tenders.ocds`` for the identifier scheme."""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.kernel.letterhead import current_letterhead
from incubator.models import Organisation
from tenders.choices import TenderStatus
from tenders.models import TenderAward

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


def money(value: Decimal | None) -> dict:
    # Two decimal places, far below 2**53 cents: the float is exactly the amount in yuan.
    return {"amount": float(value or 0), "currency": CURRENCY}


def moment(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def day_start(day) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def day_end(day) -> str:
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


def party_reference(party: dict) -> dict:
    return {"id": party["id"], "name": party["name"]}


def bureau_as_party() -> dict:
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


def publisher(bureau: dict) -> dict:
    identifier = bureau.get("identifier")
    if identifier:
        return {"name": bureau["name"], "scheme": identifier["scheme"], "uid": identifier["id"]}
    return {"name": bureau["name"], "uid": settings.OCDS_PREFIX}
