"""Back-office screens of the providers' care-voucher claims, for bureau officers: the claims
by status (constant queries), a claim with its services and its sample with what was found,
and the actions: draw the sample, check a sampled service, approve, return with a reason, and
pay (which issues the settlement letter)."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views import generic

from incubator.kernel.actions import ActionView
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ActionOnlyViewSet
from subsidies.claim_selectors import claims_user_may_decide
from subsidies.models import Claim, ClaimSampleItem, SampleOutcome
from subsidies.redemption_selectors import mask_name
from subsidies.services.claims import (
    claim_approve,
    claim_draw_sample,
    claim_pay,
    claim_return,
    claim_sample_check,
)


def _bureau_claims(user):
    """Claims in the back office: the bureau's (a provider's members use the portal)."""
    return claims_user_may_decide(user)


def _items_user_may_check(user):
    return ClaimSampleItem.objects.filter(claim__in=claims_user_may_decide(user).values("pk"))


class ClaimInspectView(generic.InspectView):
    """A claim: provider, month, status, total; its services (residents masked) and sample."""

    template_name = "subsidies/admin/voucher_claim_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        services = list(
            claim.redemptions.select_related("resident", "site").order_by("served_at", "pk")
        )
        for redemption in services:
            redemption.masked_name = mask_name(
                redemption.resident.family_name, redemption.resident.given_name
            )
        sample = list(
            claim.sample.select_related("redemption__resident", "redemption__site", "checked_by")
        )
        for item in sample:
            resident = item.redemption.resident
            item.masked_name = mask_name(resident.family_name, resident.given_name)
        context.update(services=services, sample=sample, may_decide=True)
        return context


def _back(claim) -> str:
    return reverse("voucher_claims:inspect", args=[claim.pk])


class _ClaimAction(ActionView):
    selector = staticmethod(_bureau_claims)
    select_related = ("organisation",)

    def back_url(self, claim):
        return _back(claim)

    def subtitle(self, claim):
        return str(claim)


class DrawSample(_ClaimAction):
    """Draw the random sample of services to check with the residents."""

    heading = gettext_lazy("Draw the sample")
    icon = "list-ul"

    def intro(self, claim):
        return _(
            "The system draws a tenth of the claim's services at random, at least three: "
            "phone or visit the residents to confirm each was served."
        )

    def act(self, claim, data):
        claim = claim_draw_sample(claim=claim, by=self.request.user)
        return _("%(count)s services drawn to check.") % {"count": claim.sample.count()}


class CheckForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What you found"),
        choices=[
            (SampleOutcome.CONFIRMED, gettext_lazy("Confirmed: the resident was served")),
            (SampleOutcome.PROBLEM, gettext_lazy("Problem found")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("How it was checked, and any problem found."),
    )


class CheckItem(ActionView):
    """Record what checking one sampled service found."""

    selector = staticmethod(_items_user_may_check)
    select_related = ("claim__organisation", "redemption")
    form_class = CheckForm
    heading = gettext_lazy("Check a sampled service")
    icon = "tick"

    def back_url(self, item):
        return _back(item.claim)

    def subtitle(self, item):
        redemption = item.redemption
        served = timezone.localtime(redemption.served_at)
        return f"{redemption.service_name} · {served:%Y-%m-%d %H:%M} · ¥{redemption.amount}"

    def act(self, item, data):
        claim_sample_check(
            item=item, outcome=data["outcome"], note=data["note"], by=self.request.user
        )
        return _("Check recorded.")


class Approve(_ClaimAction):
    """Approve a claim whose sample was all confirmed."""

    heading = gettext_lazy("Approve the claim")
    icon = "success"

    def blockers(self, claim):
        left = claim.sample.exclude(outcome=SampleOutcome.CONFIRMED).count()
        if claim.status == Claim.Status.SAMPLE_DRAWN and left:
            return [_("%(left)s sampled services are not confirmed yet.") % {"left": left}]
        return []

    def act(self, claim, data):
        claim_approve(claim=claim, by=self.request.user)
        return _("Claim approved.")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The provider receives it; its services can be claimed again."),
    )


class Return(_ClaimAction):
    """Return a claim to the provider with a reason; its services are released."""

    form_class = ReturnForm
    heading = gettext_lazy("Return the claim")
    icon = "undo"

    def act(self, claim, data):
        claim_return(claim=claim, reason=data["reason"], by=self.request.user)
        return _("Claim returned to the provider.")


class PayForm(forms.Form):
    paid_on = forms.DateField(label=gettext_lazy("Paid on"))
    payment_reference = forms.CharField(
        label=gettext_lazy("Payment reference"),
        max_length=60,
        help_text=gettext_lazy("The bank transfer's number."),
    )


class Pay(_ClaimAction):
    """Record the payment of an approved claim: the settlement letter is issued."""

    form_class = PayForm
    heading = gettext_lazy("Record the payment")
    icon = "doc-full"

    def get_form_kwargs(self, claim):
        return {"initial": {"paid_on": timezone.localdate()}}

    def intro(self, claim):
        return _("Amount: ¥%(total)s for %(count)s services. The settlement letter is issued.") % {
            "total": f"{claim.total:,.2f}",
            "count": claim.redemption_count,
        }

    def act(self, claim, data):
        claim = claim_pay(
            claim=claim,
            paid_on=data["paid_on"],
            payment_reference=data["payment_reference"],
            by=self.request.user,
        )
        return _("Payment recorded; settlement letter %(reference)s issued.") % {
            "reference": claim.settlement_letter.reference
        }


class ClaimViewSet(ActionOnlyViewSet):
    """The providers' care-voucher claims, for the bureau."""

    model = Claim
    scopes = {"view": _bureau_claims}
    icon = "tasks"
    menu_label = gettext_lazy("Voucher claims")
    menu_name = "voucher_claims"
    menu_order = 244
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "organisation",
        "month",
        "status",
        "redemption_count",
        "total",
        "submitted_at",
    ]
    list_filter = ["status"]
    list_select_related = ("organisation",)
    form_fields = ["payment_reference"]  # no form: claims change through their actions only
    inspect_view_class = ClaimInspectView
    action_urls = (
        ("sample/<int:pk>/", DrawSample.as_view(), "draw_sample"),
        ("check/<int:pk>/", CheckItem.as_view(), "check"),
        ("approve/<int:pk>/", Approve.as_view(), "approve"),
        ("return/<int:pk>/", Return.as_view(), "return"),
        ("pay/<int:pk>/", Pay.as_view(), "pay"),
    )
