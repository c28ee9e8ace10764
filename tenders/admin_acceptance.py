"""The bureau's acceptance (验收) screens on a contract's page: record an acceptance (one
finding per KPI of the contract, prefilled, and rows for other standards), change a draft,
sign it off (which issues the acceptance letter) and publish it on the tender page. Each is an
``ActionView`` scoped by the selector its service checks (others answer 404); a refusal shows
on the form with everything typed kept."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from tenders.admin_acceptance_forms import AcceptanceForm, SignOffForm
from tenders.models import ContractStage, contract_stage
from tenders.selectors import (
    acceptances_user_may_change,
    acceptances_user_may_publish,
    acceptances_user_may_sign_off,
    contracts_user_may_accept,
)
from tenders.services.acceptance import (
    ALREADY_PUBLISHED,
    ALREADY_SIGNED,
    CONTRACT_NOT_PUBLISHED,
    FINDING_REQUIRED,
    NOT_SIGNED,
    NOT_SIGNED_OFF,
    PARTICIPANTS_REQUIRED,
    contract_acceptance_publish,
    contract_acceptance_record,
    contract_acceptance_sign_off,
)


def kpi_standard(kpi) -> str:
    """A KPI as the standard it sets: its name and target."""
    return f"{kpi.name}（{kpi.target.normalize():f} {kpi.unit}）"


def _record_kwargs(data) -> dict:
    return {
        "kind": data["kind"],
        "held_on": data["held_on"],
        "period_starts_on": data["period_starts_on"],
        "period_ends_on": data["period_ends_on"],
        "items": data["items"],
        "summary": data["summary"],
        "conclusion": data["conclusion"],
        "participants_named": data["participants_named"],
        "participants_unnamed": data["participants_unnamed"],
    }


class RecordAcceptance(ActionView):
    """Record a draft acceptance of a signed contract's service."""

    selector = staticmethod(contracts_user_may_accept)
    select_related = ("tender", "organisation")
    form_class = AcceptanceForm
    heading = gettext_lazy("Record an acceptance")
    icon = "tasks"
    template_name = "tenders/admin/acceptance_form.html"

    def get_form_kwargs(self, contract):
        findings = [{"kpi": kpi.pk, "standard": kpi_standard(kpi)} for kpi in contract.kpis.all()]
        today = timezone.localdate()
        return {
            "findings": findings,
            "initial": {
                "held_on": today,
                "period_starts_on": contract.starts_on,
                "period_ends_on": min(today, contract.ends_on),
            },
        }

    def intro(self, contract):
        return _(
            "One finding per KPI of the contract, prefilled, and rows for other standards the "
            "contract names (leave them empty if there are none). The draft can be changed "
            "until it is signed off."
        )

    def blockers(self, contract):
        if contract_stage(contract) == ContractStage.UNSIGNED:
            return [NOT_SIGNED]
        return []

    def back_url(self, contract):
        return reverse("tender_contracts:inspect", args=[contract.pk]) + "#acceptances"

    def subtitle(self, contract):
        return f"{contract.tender.reference} · {contract.organisation.name}"

    def act(self, contract, data):
        acceptance = contract_acceptance_record(
            contract=contract, by=self.request.user, **_record_kwargs(data)
        )
        return _("Acceptance %(number)s is recorded as a draft.") % {"number": acceptance.number}


class _AcceptanceAction(ActionView):
    select_related = ("contract__tender", "contract__organisation")
    icon = "tasks"

    def back_url(self, acceptance):
        return reverse("tender_contracts:inspect", args=[acceptance.contract_id]) + "#acceptances"

    def subtitle(self, acceptance):
        contract = acceptance.contract
        return _("%(reference)s · %(organisation)s · acceptance %(number)s") % {
            "reference": contract.tender.reference,
            "organisation": contract.organisation.name,
            "number": acceptance.number,
        }


class ChangeAcceptance(_AcceptanceAction):
    """Change a draft acceptance before it is signed off."""

    selector = staticmethod(acceptances_user_may_change)
    form_class = AcceptanceForm
    heading = gettext_lazy("Change the acceptance")
    template_name = "tenders/admin/acceptance_form.html"

    def get_form_kwargs(self, acceptance):
        findings = [
            {
                "kpi": item.kpi_id,
                "standard": item.standard,
                "result": item.result,
                "finding": item.finding,
            }
            for item in acceptance.items.all()
        ]
        fields = ["kind", "held_on", "period_starts_on", "period_ends_on", "summary"]
        fields += ["participants_named", "participants_unnamed", "conclusion"]
        initial = {name: getattr(acceptance, name) for name in fields}
        return {"findings": findings, "initial": initial}

    def blockers(self, acceptance):
        return [ALREADY_SIGNED] if acceptance.is_signed_off else []

    def act(self, acceptance, data):
        contract_acceptance_record(
            contract=acceptance.contract,
            acceptance=acceptance,
            by=self.request.user,
            **_record_kwargs(data),
        )
        return _("Acceptance %(number)s is changed.") % {"number": acceptance.number}


class SignOffAcceptance(_AcceptanceAction):
    """Sign off an acceptance: it is fixed, and its letter goes to the provider."""

    selector = staticmethod(acceptances_user_may_sign_off)
    form_class = SignOffForm
    heading = gettext_lazy("Sign off the acceptance")

    def get_form_kwargs(self, acceptance):
        return {"initial": {"conclusion": acceptance.conclusion or None}}

    def intro(self, acceptance):
        return _(
            "Once signed off the acceptance cannot be changed; the provider receives the "
            "acceptance letter with the findings and the service users who took part."
        )

    def blockers(self, acceptance):
        if acceptance.is_signed_off:
            return [ALREADY_SIGNED]
        blockers = []
        if not any(item.finding.strip() for item in acceptance.items.all()):
            blockers.append(FINDING_REQUIRED)
        if acceptance.participant_count < 1:
            blockers.append(PARTICIPANTS_REQUIRED)
        return blockers

    def act(self, acceptance, data):
        contract_acceptance_sign_off(
            acceptance=acceptance, conclusion=data["conclusion"], by=self.request.user
        )
        return _("Acceptance %(number)s is signed off; the letter is being prepared.") % {
            "number": acceptance.number
        }


class PublishAcceptance(_AcceptanceAction):
    """Publish a signed-off acceptance on the tender's public page."""

    selector = staticmethod(acceptances_user_may_publish)
    heading = gettext_lazy("Publish the acceptance")

    def intro(self, acceptance):
        return _(
            "The tender's public page will show the conclusion, the date, the findings and how "
            "many service users took part, never their names. This cannot be undone."
        )

    def blockers(self, acceptance):
        if not acceptance.is_signed_off:
            return [NOT_SIGNED_OFF]
        if acceptance.published_at is not None:
            return [ALREADY_PUBLISHED]
        if acceptance.contract.published_at is None:
            return [CONTRACT_NOT_PUBLISHED]
        return []

    def act(self, acceptance, data):
        contract_acceptance_publish(acceptance=acceptance, by=self.request.user)
        return _("Acceptance %(number)s is published on the tender page.") % {
            "number": acceptance.number
        }
