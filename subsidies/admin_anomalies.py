"""Back-office screens of the care-voucher anomalies, for bureau officers: the flags (open or
resolved, by kind and provider, constant queries), a flag with its evidence (the services it
concerns), and the resolution (an outcome and a note)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic

import django_filters

from incubator.kernel.actions import ActionView
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ActionOnlyViewSet
from incubator.models import Organisation
from subsidies.anomaly_selectors import anomalies_user_may_resolve, anomalies_visible_to
from subsidies.models import AnomalyOutcome, Redemption, VoucherAnomaly
from subsidies.services.anomalies import anomaly_resolve


def _flagged_providers(request):
    """The providers that have flags (a few), not every organisation of the city."""
    flagged = anomalies_visible_to(request.user).values("organisation_id")
    return Organisation.objects.filter(pk__in=flagged).order_by("name")


class AnomalyFilterSet(WagtailFilterSet):
    """Status, kind and provider, the providers offered being those with flags."""

    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Provider"), queryset=_flagged_providers
    )

    class Meta:
        model = VoucherAnomaly
        fields = ["status", "kind", "organisation"]


class AnomalyInspectView(generic.InspectView):
    """A flag: what was found, the services it concerns, and how it was resolved."""

    template_name = "subsidies/admin/voucher_anomaly_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        anomaly = self.object
        ids = [pk for pk in (anomaly.redemption_id, anomaly.other_redemption_id) if pk]
        services = list(
            Redemption.objects.filter(pk__in=ids)
            .select_related("site", "claim__organisation")
            .order_by("served_at", "pk")
        )
        context.update(
            services=services,
            may_resolve=(
                anomaly.status == VoucherAnomaly.Status.OPEN
                and anomalies_user_may_resolve(self.request.user).filter(pk=anomaly.pk).exists()
            ),
        )
        return context


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=AnomalyOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What was checked (a call to the resident, the provider's records) and what was "
            "decided: which service was reversed or which claim adjusted, or who investigates."
        ),
    )


class Resolve(ActionView):
    """Resolve a flag with an outcome and a note."""

    selector = staticmethod(anomalies_user_may_resolve)
    select_related = ("resident", "organisation", "resolved_by")
    form_class = ResolveForm
    heading = gettext_lazy("Resolve the anomaly")
    icon = "success"

    def back_url(self, anomaly):
        return reverse("voucher_anomalies:inspect", args=[anomaly.pk])

    def subtitle(self, anomaly):
        return str(anomaly)

    def intro(self, anomaly):
        return anomaly.details

    def blockers(self, anomaly):
        if anomaly.status != VoucherAnomaly.Status.OPEN:
            return [_("This anomaly is already resolved.")]
        return []

    def act(self, anomaly, data):
        anomaly_resolve(
            anomaly=anomaly, outcome=data["outcome"], note=data["note"], by=self.request.user
        )
        return _("Anomaly resolved.")


class AnomalyViewSet(ActionOnlyViewSet):
    """The care-voucher anomalies, for the bureau."""

    model = VoucherAnomaly
    scopes = {"view": anomalies_visible_to}
    icon = "warning"
    menu_label = gettext_lazy("Voucher anomalies")
    menu_name = "voucher_anomalies"
    menu_order = 245
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "kind",
        "organisation",
        "resident",
        "month",
        "raised_at",
        "status",
        "outcome",
        "resolved_by",
    ]
    filterset_class = AnomalyFilterSet
    list_select_related = ("organisation", "resident", "resolved_by")
    form_fields = ["resolution_note"]  # no form: flags change through their resolution only
    inspect_view_class = AnomalyInspectView
    action_urls = (("resolve/<int:pk>/", Resolve.as_view(), "resolve"),)
