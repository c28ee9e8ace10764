"""The tenders' letters, registered with the kernel's letter machinery by ``TendersConfig``
(templates: ``letters/<kind>.html``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TenderLetterKind(models.TextChoices):
    TENDER_AWARD = "tender_award", _("Tender award")
    TENDER_REGRET = "tender_regret", _("Tender regret")
    CONTRACT_AMENDMENT = "contract_amendment", _("Contract amendment")
    CONTRACT_ACCEPTANCE = "contract_acceptance", _("Contract acceptance")


# Labels of what these letters record in their details (the back office's details table).
TENDER_LETTER_DETAILS = {
    "tender_title": _("Tender"),
    "tender_reference": _("Reference"),
    "contract_period": _("Contract period"),
    "amendment_number": _("Amendment number"),
    "value_before": _("Value before"),
    "value_change": _("Value change"),
    "value_after": _("Value after"),
    "acceptance_number": _("Acceptance number"),
    "acceptance_kind": _("Kind of acceptance"),
    "held_on": _("Held on"),
    "period_starts_on": _("Service accepted from"),
    "period_ends_on": _("Service accepted to"),
    "summary": _("Summary"),
    "items": _("Findings"),
    "standard": _("Standard"),
    "result": _("Result"),
    "finding": _("Finding"),
    "conclusion": _("Conclusion"),
    "participants_named": _("Service users named"),
    "participants_unnamed": _("Service users not named"),
    "participant_count": _("Service users who took part"),
}


def acceptance_letter_details(acceptance) -> dict:
    """What the acceptance letter records of a signed-off ``acceptance``, its labels in the
    active language: the contract, the standards with their results and findings, the
    service users who took part (named, and how many more were not) and the conclusion."""
    contract = acceptance.contract
    tender = contract.tender.source_page
    return {
        "tender_title": tender.title if tender else "",
        "tender_reference": contract.tender.reference,
        "commissioning_body": tender.commissioning_body if tender else "",
        "signed_on": contract.signed_on.isoformat(),
        "acceptance_number": acceptance.number,
        "acceptance_kind": str(acceptance.get_kind_display()),
        "held_on": acceptance.held_on.isoformat(),
        "period_starts_on": acceptance.period_starts_on.isoformat(),
        "period_ends_on": acceptance.period_ends_on.isoformat(),
        "summary": acceptance.summary,
        "items": [
            {
                "standard": item.standard,
                "result": str(item.get_result_display()),
                "finding": item.finding,
            }
            for item in acceptance.items.all()
        ],
        "participants_named": acceptance.participant_names,
        "participants_unnamed": acceptance.participants_unnamed,
        "participant_count": acceptance.participant_count,
        "conclusion": str(acceptance.get_conclusion_display()),
    }
