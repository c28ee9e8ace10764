"""Back-office screens of service sites: bureau officers add and change them (with their
opening hours and price list on the same form, each change of those recorded in the site's
history), record the handover of the city's premises with its inventory, and issue one-time
verification cards for their enrolled service users (printed as PDF); officers and the hub
managers who see a site read its offer, premises and answers counted (verified ones apart from
the others) and print its feedback poster."""

from django import forms
from django.db.models import Count, Min, Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.models import CreateView, EditView, InspectView

from incubator.kernel.actions import ActionView
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.deletion import deletion_refusal
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.feedback_cards import cards_response
from tenders.feedback_poster import poster_response
from tenders.feedback_selectors import (
    feedback_figures,
    sites_user_may_manage,
    sites_visible_to,
)
from tenders.models import Premises, ServiceSite, SiteHandover
from tenders.selectors import reads_contracts_in_back_office
from tenders.services.feedback import CODES_MAX, RECEIPT_BATCH, feedback_codes_issue
from tenders.services.sites import site_offer_audit, site_offer_snapshot
from tenders.site_handover_views import RecordHandover
from tenders.site_selectors import weekly_hours

AUDIT_ACTIONS = [
    AuditAction(
        "tenders.site.offer_changed",
        gettext_lazy("Opening hours or prices changed"),
        gettext_lazy("%(count)s lines of the opening hours and price list changed"),
    ),
    AuditAction(
        "tenders.site.handover_recorded",
        gettext_lazy("Premises handover recorded"),
        gettext_lazy("Handover of the city's premises on %(handed_over_on)s: %(items)s items"),
    ),
]


@hooks.register("register_log_actions")
def register_site_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)


class ServiceSiteForm(WagtailAdminModelForm):
    """A site with its hours and price list. A service residents have already paid for with
    vouchers stays on record: deleting its row is refused (untick "offered" instead)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("services")
        # The formsets are validated after the form: ask for it here to read their rows.
        if formset is None or not formset.is_valid():
            return cleaned
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("DELETE") or form.instance.pk is None:
                continue
            refusal = deletion_refusal(form.instance)
            if refusal:
                self.add_error(
                    None,
                    _("%(refusal)s Untick “offered” to take it off the price list instead.")
                    % {"refusal": refusal},
                )
        return cleaned


class CardsForm(forms.Form):
    """How many cards to issue."""

    count = forms.IntegerField(
        label=gettext_lazy("Number of cards"),
        min_value=1,
        max_value=CODES_MAX,
        initial=50,
        help_text=gettext_lazy(
            "One card for each service user enrolled at the site; each code works once."
        ),
    )


class IssueCards(ActionView):
    """Issue a batch of one-time verification cards for a site, then print them."""

    selector = staticmethod(sites_user_may_manage)
    form_class = CardsForm
    heading = gettext_lazy("Issue verification cards")
    icon = "key"

    def back_url(self, site):
        return reverse("service_sites:inspect", args=[site.pk])

    def subtitle(self, site):
        return str(site)

    def act(self, site, data):
        self.batch = feedback_codes_issue(site=site, count=data["count"], by=self.request.user)
        return _("Batch %(batch)s: %(count)s cards issued. Print them from the site's page.") % {
            "batch": self.batch,
            "count": data["count"],
        }


class _OfferAuditMixin:
    """Saving the site's form also records, in its history, what changed in its opening
    hours and price list (Wagtail records that the site was edited, not what changed in them)."""

    def save_instance(self):
        site = self.form.instance
        before = site_offer_snapshot(site) if site.pk else {}
        instance = super().save_instance()
        site_offer_audit(site=instance, before=before, by=self.request.user)
        return instance


class SiteCreateView(_OfferAuditMixin, CreateView):
    pass


class SiteEditView(_OfferAuditMixin, EditView):
    pass


class SiteInspectView(InspectView):
    """A site: its opening hours, price list (prices with and without voucher), premises and
    handover inventory; its residents' answers counted (verified ones, with a card code, apart
    from the others) and its batches of verification cards (how many used) to print."""

    template_name = "tenders/admin/site_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = self.object
        context["week"] = weekly_hours(site)
        context["services"] = site.services.order_by("-active", "service_type", "name")
        context["handover"] = (
            SiteHandover.objects.filter(site=site).prefetch_related("items").first()
            if site.premises == Premises.CITY
            else None
        )
        context["figures"] = self.object.feedback.aggregate(**feedback_figures())
        context["batches"] = (
            self.object.feedback_codes.exclude(batch=RECEIPT_BATCH)  # receipts are no cards
            .values("batch")
            .annotate(
                issued=Count("pk"),
                used=Count("pk", filter=Q(used_at__isnull=False)),
                created=Min("created_at"),
            )
            .order_by("-batch")
        )
        context["may_print_cards"] = (
            sites_user_may_manage(self.request.user).filter(pk=self.object.pk).exists()
        )
        return context


class ServiceSiteViewSet(ScopedModelViewSet):
    """Where contracted services reach residents; officers add and change them."""

    model = ServiceSite
    scopes = {"view": sites_visible_to}
    scope_holder = reads_contracts_in_back_office
    icon = "home"
    menu_label = gettext_lazy("Service sites")
    menu_name = "service_sites"
    menu_order = 245
    menu_hook = MENU_HOOKS["tenders"]
    inspect_view_enabled = True
    list_display = ["name", "kind", "town", "community", "contract", "feedback_open"]
    list_filter = ["kind", "town", "feedback_open"]
    search_fields = ["name", "town", "community", "address"]
    list_select_related = ("contract__organisation", "contract__tender")
    ordering = ["town", "name"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contract"),
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("town"),
                FieldPanel("community"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("directions"),
                FieldPanel("feedback_open"),
            ],
            heading=gettext_lazy("The site"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("lift"),
                FieldPanel("accessibility_notes"),
            ],
            heading=gettext_lazy("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("premises"),
                FieldPanel("accepts_vouchers"),
                FieldPanel("closed_on_public_holidays"),
            ],
            heading=gettext_lazy("Premises and vouchers"),
        ),
        InlinePanel(
            "opening_hours",
            heading=gettext_lazy("Opening hours"),
            label=gettext_lazy("Opening span"),
            help_text=gettext_lazy(
                "One row per span: a day open in the morning and the afternoon has two rows. "
                "A day without a row is a closed day."
            ),
        ),
        InlinePanel(
            "services",
            heading=gettext_lazy("Price list"),
            label=gettext_lazy("Service"),
            help_text=gettext_lazy(
                "The approved price list. A service the care voucher pays for has a voucher "
                "price, no more than its price."
            ),
        ),
    ]
    add_view_class = SiteCreateView
    edit_view_class = SiteEditView

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ServiceSiteForm).bind_to_model(self.model)

    inspect_view_class = SiteInspectView
    record_actions = (
        RecordAction(
            gettext_lazy("Record the premises handover"),
            "service_sites:handover",
            sites_user_may_manage,
            when=lambda site: site.premises == Premises.CITY,
            icon="clipboard-list",
            kind=SECONDARY,
        ),
        RecordAction(
            gettext_lazy("Issue verification cards"),
            "service_sites:issue_cards",
            sites_user_may_manage,
            icon="key",
            kind=SECONDARY,
        ),
        RecordAction(
            gettext_lazy("Print the poster"),
            "service_sites:poster",
            sites_visible_to,
            icon="download",
            kind=SECONDARY,
        ),
    )
    inspect_view_fields = [
        "name",
        "kind",
        "contract",
        "town",
        "community",
        "address",
        "phone",
        "directions",
        "code",
        "feedback_open",
        "accepts_vouchers",
        "closed_on_public_holidays",
        "step_free",
        "accessible_toilet",
        "lift",
        "accessibility_notes",
        "premises",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("handover/<int:pk>/", RecordHandover.as_view(), name="handover"),
            path("poster/<int:pk>/", site_poster, name="poster"),
            path("cards/<int:pk>/", IssueCards.as_view(), name="issue_cards"),
            path("cards/<int:pk>/<int:batch>/", site_cards, name="cards"),
        ]


def site_cards(request, pk: int, batch: int):
    """The unused cards of one batch (PDF), for the officers who issue them."""
    site = get_visible_or_404(request, sites_user_may_manage(request.user), pk=pk)
    if batch == RECEIPT_BATCH or not site.feedback_codes.filter(batch=batch).exists():
        raise Http404
    return cards_response(site, batch)


def site_poster(request, pk: int):
    """The site's A4 feedback poster (PDF), for those who see the site."""
    return poster_response(get_visible_or_404(request, sites_visible_to(request.user), pk=pk))
