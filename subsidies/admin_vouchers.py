"""Back-office screens of care vouchers. Voucher holders: bureau officers see every community,
a community worker the communities assigned to them; they enrol holders (through
``resident_enrol``: the identity number checked, stored encrypted, shown masked), change their
contact details, record a death or a move, set a new PIN and, with a stated reason, see the full
identity number (audited; shown on the page that answers the request, never kept in a message).
The scheme (age bands, amounts, eligible services, validity), the communities with their
workers and the monthly credit runs are the bureau's."""

from datetime import date

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.views import generic

import django_filters

from incubator.kernel.actions import ActionView, action_form, header_action_buttons
from incubator.kernel.errors import ServiceError
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.record_actions import SECONDARY, RecordAction
from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.services.dates import add_months
from incubator.kernel.validators import normalise_citizen_id, validate_citizen_id
from incubator.kernel.viewsets import (
    ActionOnlyViewSet,
    ReadableColumn,
    ScopedModelViewSet,
    ServiceSaveMixin,
)
from subsidies.models import (
    Community,
    CreditRun,
    Resident,
    ResidentStatus,
    VoucherScheme,
)
from subsidies.services.vouchers import (
    PURPOSE_NOT_EXPLAINED,
    credit_run,
    resident_enrol,
    resident_record_status,
    resident_reset_pin,
    resident_reveal_citizen_id,
)
from subsidies.voucher_selectors import (
    communities_user_may_enrol_in,
    communities_visible_to,
    credits_expiring,
    residents_visible_to,
    scheme_in_force,
    statement_months,
    statements,
    user_may_reveal_citizen_id,
    user_may_run_credits,
)
from tenders.voucher_api import ServiceType

PIN_HELP = gettext_lazy(
    "Six digits the resident (or a family member) chooses and types; it opens the balance page "
    "and pays for services. Not one digit repeated, not a run such as 123456."
)


def is_community_worker(user) -> bool:
    """Whether the user works for communities (their scope may be empty today)."""
    return user_has_role(user, Role.COMMUNITY_WORKER)


class PinField(forms.CharField):
    """A six-digit PIN, typed hidden."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.PasswordInput(attrs={"inputmode": "numeric"}))
        super().__init__(min_length=6, max_length=6, **kwargs)


class PinTwiceMixin:
    """A form with the PIN typed twice (``pin``, ``pin_again``): the two must agree."""

    def clean(self):
        data = super().clean()
        if data.get("pin") and data.get("pin_again") and data["pin"] != data["pin_again"]:
            self.add_error("pin_again", _("The two PINs differ."))
        return data


class ResidentForm(WagtailAdminModelForm):
    """A holder's details; on enrolment also the identity number, the PIN and the purpose."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "community" in self.fields and for_user is not None:
            self.fields["community"].queryset = communities_user_may_enrol_in(for_user)


class ResidentEnrolForm(PinTwiceMixin, ResidentForm):
    citizen_id = forms.CharField(
        label=gettext_lazy("Citizen identity number"),
        max_length=20,
        help_text=gettext_lazy(
            "18 characters, from the identity card; the birth date is taken from it. Staff see "
            "it masked afterwards."
        ),
    )
    pin = PinField(label=gettext_lazy("PIN"), help_text=PIN_HELP)
    pin_again = PinField(label=gettext_lazy("PIN again"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        purpose = self.fields["purpose_explained"]
        purpose.required = True
        purpose.error_messages["required"] = PURPOSE_NOT_EXPLAINED

    def clean_citizen_id(self):
        number = normalise_citizen_id(self.cleaned_data["citizen_id"])
        validate_citizen_id(number)
        return number


ENROL_PANELS = [
    FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")]),
    FieldPanel("citizen_id"),
    FieldPanel("community"),
    FieldPanel("address"),
    FieldPanel("phone"),
    FieldRowPanel([FieldPanel("guardian_name"), FieldPanel("guardian_relation")]),
    FieldPanel("guardian_phone"),
    FieldRowPanel([FieldPanel("pin"), FieldPanel("pin_again")]),
    FieldPanel("purpose_explained"),
]
EDIT_PANELS = [
    FieldRowPanel([FieldPanel("family_name"), FieldPanel("given_name")]),
    FieldPanel("community"),
    FieldPanel("address"),
    FieldPanel("phone"),
    FieldRowPanel([FieldPanel("guardian_name"), FieldPanel("guardian_relation")]),
    FieldPanel("guardian_phone"),
]


# The field beside which a refusal of the enrolment service shows.
REFUSAL_FIELDS = {
    "already_enrolled": "citizen_id",
    "purpose": "purpose_explained",
    "pin_shape": "pin",
    "pin_simple": "pin",
}


class ResidentEnrolView(ServiceSaveMixin, generic.CreateView):
    """Enrol a holder: the service checks the number, encrypts it and opens the card. A
    refusal shows on the form; nothing typed is lost but the PIN, never sent back."""

    refusal_fields = REFUSAL_FIELDS
    validation_error_field = "citizen_id"

    def get_success_url(self):
        return reverse("voucher_holders:inspect", args=[self.object.pk])

    def save_instance(self):
        data = self.form.cleaned_data
        return resident_enrol(
            by=self.request.user,
            community=data["community"],
            family_name=data["family_name"],
            given_name=data["given_name"],
            citizen_id=data["citizen_id"],
            pin=data["pin"],
            purpose_explained=data["purpose_explained"],
            address=data.get("address", ""),
            phone=data.get("phone", ""),
            guardian_name=data.get("guardian_name", ""),
            guardian_relation=data.get("guardian_relation", ""),
            guardian_phone=data.get("guardian_phone", ""),
        )

    def get_success_message(self, instance):
        return _("%(name)s is enrolled: card number %(card)s.") % {
            "name": instance.name,
            "card": instance.card_number,
        }


class ResidentInspectView(generic.InspectView):
    """A holder: masked identity number, card, balance, status and the latest entries."""

    template_name = "subsidies/admin/voucher_holder_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(self.object.entries.order_by("-created_at", "-pk")[:36])
        context["may_reveal"] = user_may_reveal_citizen_id(self.request.user, self.object)
        context["age"] = _age(self.object.birth_date, timezone.localdate())
        return context


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need the full number?"),
        max_length=200,
        help_text=gettext_lazy("Recorded in the holder's history with your name and the time."),
    )


def reveal_citizen_id(request, pk: int):
    """Show a holder's full identity number, after a stated reason (audited). The number is in
    the answer to the POST only: never in a URL, a message or a page that is cached."""
    resident = get_visible_or_404(request, residents_visible_to(request.user), pk=pk)
    if not user_may_reveal_citizen_id(request.user, resident):
        raise Http404
    form = RevealForm(request.POST or None)
    number = None
    if request.method == "POST" and form.is_valid():
        try:
            number = resident_reveal_citizen_id(
                resident=resident, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error(None, error.message)
    response = render(
        request,
        "subsidies/admin/voucher_holder_reveal.html",
        {"resident": resident, "form": form, "number": number},
    )
    response["Cache-Control"] = "no-store"
    return response


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("What happened"),
        choices=[
            (ResidentStatus.DECEASED, gettext_lazy("The holder died")),
            (ResidentStatus.MOVED_AWAY, gettext_lazy("The holder moved away from the city")),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=gettext_lazy("On"))
    reason = forms.CharField(
        label=gettext_lazy("How it is known"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: death certificate seen, family told us."),
    )


class RecordStatus(ActionView):
    """Record a death or a move: no credit for later months; services after it are flagged."""

    selector = staticmethod(residents_visible_to)
    form_class = StatusForm
    heading = gettext_lazy("Record a death or a move")
    icon = "warning"

    def back_url(self, resident):
        return reverse("voucher_holders:inspect", args=[resident.pk])

    def subtitle(self, resident):
        return resident.name

    def blockers(self, resident):
        if resident.status != ResidentStatus.ACTIVE:
            return [
                _("This voucher holder is already recorded as %(status)s.")
                % {"status": resident.get_status_display()}
            ]
        return []

    def act(self, resident, data):
        resident_record_status(
            resident=resident,
            status=data["status"],
            on=data["on"],
            by=self.request.user,
            reason=data["reason"],
        )
        return _("Recorded: %(name)s, %(status)s.") % {
            "name": resident.name,
            "status": resident.get_status_display(),
        }


class PinForm(PinTwiceMixin, forms.Form):
    pin = PinField(label=gettext_lazy("New PIN"), help_text=PIN_HELP)
    pin_again = PinField(label=gettext_lazy("New PIN again"))


class ResetPin(ActionView):
    """Set the PIN the resident chose when they forgot theirs."""

    selector = staticmethod(residents_visible_to)
    form_class = PinForm
    heading = gettext_lazy("Set a new PIN")
    icon = "key"

    def back_url(self, resident):
        return reverse("voucher_holders:inspect", args=[resident.pk])

    def subtitle(self, resident):
        return f"{resident.name} · {resident.card_number}"

    def act(self, resident, data):
        resident_reset_pin(resident=resident, pin=data["pin"], by=self.request.user)
        return _("A new PIN is set for card %(card)s.") % {"card": resident.card_number}


class StatementsForm(forms.Form):
    """Whose statements to print: one community's holders (or one holder) and a month."""

    community = forms.ModelChoiceField(
        label=gettext_lazy("Community"), queryset=Community.objects.none()
    )
    month = forms.ChoiceField(label=gettext_lazy("Month"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities_visible_to(user).order_by("town", "name")
        self.months = {month.isoformat(): month for month in statement_months(timezone.localdate())}
        self.fields["month"].choices = [
            (key, date_format(month, "YEAR_MONTH_FORMAT")) for key, month in self.months.items()
        ]
        # Statements are handed out after a month ends: last month first; a worker of one
        # community has it chosen already.
        self.fields["month"].initial = list(self.months)[1]
        communities = list(self.fields["community"].queryset[:2])
        if len(communities) == 1:
            self.fields["community"].initial = communities[0].pk


def print_statements(request):
    """The month's statements to print and hand out, one A4 sheet each in large type: every
    holder of a community (open that month), or the holder of ``?holder=``. Without a valid
    choice, the form that makes it."""
    if not communities_visible_to(request.user).exists():
        raise Http404
    visible = residents_visible_to(request.user)
    holder = None
    if request.GET.get("holder"):
        holder = get_visible_or_404(request, visible, pk=request.GET["holder"])
    data = request.GET.copy() if "month" in request.GET else None
    if data is not None and holder is not None:
        data["community"] = holder.community_id
    form = StatementsForm(data, user=request.user)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "subsidies/admin/voucher_statements_form.html",
            {"form": form, "holder": holder},
            status=400 if form.is_bound else 200,
        )
    month = form.months[form.cleaned_data["month"]]
    if holder is not None:
        holders = [holder]
    else:
        holders = list(
            visible.filter(community=form.cleaned_data["community"])
            .select_related("community")
            .exclude(status_on__lt=month)
            .exclude(enrolled_on__gte=add_months(month, 1))
            .order_by("family_name", "given_name", "pk")
        )
    today = timezone.localdate()
    entries = statements(holders, month)
    expiring = credits_expiring(holders, today)
    sheets = [
        {"resident": r, "entries": entries[r.pk], "expiring": expiring.get(r.pk)} for r in holders
    ]
    return TemplateResponse(  # never cached: the admin's views are never_cache
        request,
        "subsidies/admin/voucher_statements.html",
        {
            "sheets": sheets,
            "month": month,
            "today": today,
            "community": form.cleaned_data["community"],
            "holder": holder,
        },
    )


def _towns(request):
    """The towns of the communities whose holders the user sees (a few dozen in a city)."""
    towns = (
        communities_visible_to(request.user)
        .order_by("town")
        .values_list("town", flat=True)
        .distinct()
    )
    return [(town, town) for town in towns]


def _own_communities(request):
    """The communities a community worker serves (a handful); none for the bureau, who filter
    by town: a city has hundreds of communities, too many for one list."""
    if not is_community_worker(request.user):
        return Community.objects.none()
    return communities_visible_to(request.user).order_by("town", "name")


class ResidentFilterSet(WagtailFilterSet):
    """Status, town and (for a community worker) their community."""

    town = django_filters.ChoiceFilter(
        label=gettext_lazy("Town or subdistrict"),
        field_name="community__town",
        choices=lambda: [],
    )
    community = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Community"), queryset=_own_communities
    )

    class Meta:
        model = Resident
        fields = ["status", "town", "community"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["town"].extra["choices"] = _towns(request) if request else []
        if request is not None and not is_community_worker(request.user):
            del self.filters["community"]


class ResidentIndexView(generic.IndexView):
    """The holders, with the button that prints a community's statements of a month."""

    filterset_class = ResidentFilterSet

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            *header_action_buttons(
                [(_("Print statements"), reverse("voucher_holders:statements"), "doc-full")]
            ),
        ]


class VoucherHolderViewSet(ScopedModelViewSet):
    """Voucher holders, masked; enrolled and changed by community workers of their community
    and by bureau officers."""

    model = Resident
    scopes = {
        "view": residents_visible_to,
        "change": residents_visible_to,
        "add": residents_visible_to,
    }
    scope_holder = is_community_worker
    icon = "user"
    menu_label = gettext_lazy("Voucher holders")
    menu_name = "voucher_holders"
    menu_order = 240
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "name",
        "citizen_id_masked",
        "community",
        "card_number",
        ReadableColumn(
            "balance",
            label=gettext_lazy("Balance"),
            sort_key="balance",
            field=Resident._meta.get_field("balance"),
        ),
        "status",
    ]
    search_fields = ["family_name", "given_name", "card_number"]
    list_select_related = ("community",)
    ordering = ["community", "family_name", "given_name"]
    inspect_view_enabled = True
    inspect_view_class = ResidentInspectView
    index_view_class = ResidentIndexView
    filterset_class = ResidentFilterSet
    add_view_class = ResidentEnrolView
    copy_view_enabled = False
    delete_view_enabled = False  # closed (dated death or move), never deleted
    record_actions = (
        RecordAction(
            gettext_lazy("Set a new PIN"),
            "voucher_holders:reset_pin",
            residents_visible_to,
            icon="key",
            kind=SECONDARY,
        ),
        RecordAction(
            gettext_lazy("Record a death or a move"),
            "voucher_holders:record_status",
            residents_visible_to,
            icon="warning",
            kind=SECONDARY,
        ),
    )

    def get_edit_handler(self):
        return ObjectList(EDIT_PANELS, base_form_class=ResidentForm).bind_to_model(self.model)

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(ENROL_PANELS, base_form_class=ResidentEnrolForm).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reveal/<int:pk>/", reveal_citizen_id, name="reveal"),
            path("status/<int:pk>/", RecordStatus.as_view(), name="record_status"),
            path("pin/<int:pk>/", ResetPin.as_view(), name="reset_pin"),
            path("statements/", print_statements, name="statements"),
        ]


class SchemeForm(WagtailAdminModelForm):
    """The scheme's rules; the services are chosen from the price lists' service types."""

    eligible_service_types = forms.MultipleChoiceField(
        label=gettext_lazy("Services vouchers pay for"),
        choices=ServiceType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class VoucherSchemeViewSet(ScopedModelViewSet):
    """The care-voucher scheme as configured by the bureau: age bands and monthly amounts,
    eligible services, how long a month's credit stays valid, from which month a resident
    reaching an age is credited."""

    model = VoucherScheme
    scopes: dict = {}  # model-wide rights only: bureau officers
    icon = "table"
    menu_label = gettext_lazy("Care-voucher schemes")
    menu_name = "voucher_schemes"
    menu_order = 241
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = ["name", "starts_on", "ends_on", "validity", "active"]
    inspect_view_enabled = True
    copy_view_enabled = False
    delete_view_enabled = False  # set out of force, never deleted: its credits point at it
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        InlinePanel("bands", heading=gettext_lazy("Age bands"), min_num=1),
        FieldPanel("eligible_service_types"),
        FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_months")]),
        FieldPanel("first_month"),
        FieldPanel("active"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=SchemeForm).bind_to_model(self.model)


class CommunityViewSet(ScopedModelViewSet):
    """Communities of the towns, with the community workers who serve each."""

    model = Community
    scopes: dict = {}
    icon = "site"
    menu_label = gettext_lazy("Communities")
    menu_name = "voucher_communities"
    menu_order = 242
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = ["town", "name"]
    list_filter = ["town"]
    search_fields = ["town", "name"]
    copy_view_enabled = False
    delete_view_enabled = False  # its holders point at it
    panels = [
        FieldRowPanel([FieldPanel("town"), FieldPanel("name")]),
        InlinePanel("workers", heading=gettext_lazy("Community workers")),
    ]


class CreditMonthForm(forms.Form):
    month = forms.DateField(
        label=gettext_lazy("Month"),
        help_text=gettext_lazy(
            "Any day of the month to credit. Running a month again credits only holders "
            "enrolled since; nobody is credited twice."
        ),
    )


def run_credits(request):
    """Start (or complete) a month's credit run of the scheme in force (bureau officers)."""
    if not user_may_run_credits(request.user):
        raise Http404
    scheme = scheme_in_force()
    form = CreditMonthForm(
        request.POST or None, initial={"month": timezone.localdate().replace(day=1)}
    )

    def act(data):
        if scheme is None:
            raise ServiceError(_("No care-voucher scheme is in force."), code="no_scheme")
        run = credit_run(scheme=scheme, month=data["month"], by=request.user)
        return (
            _("%(month)s: %(count)s holders credited so far, %(amount)s in all.")
            % {
                "month": run.month.strftime("%Y-%m"),
                "count": run.residents_credited,
                "amount": f"¥{run.amount_credited:,.2f}",
            },
            reverse("voucher_credit_runs:index"),
        )

    return action_form(
        request,
        form=form,
        act=act,
        back=reverse("voucher_credit_runs:index"),
        heading=_("Credit a month"),
        subtitle=str(scheme) if scheme else "",
        icon="plus",
    )


class CreditRunIndexView(generic.IndexView):
    """The runs, with the button that credits a month."""

    @cached_property
    def header_buttons(self):
        if not user_may_run_credits(self.request.user):
            return []
        return header_action_buttons(
            [(_("Credit a month"), reverse("voucher_credit_runs:run"), "plus")]
        )


class CreditRunViewSet(ActionOnlyViewSet):
    """The monthly credit runs: who started each, how many holders and how much."""

    model = CreditRun
    scopes: dict = {}
    icon = "history"
    menu_label = gettext_lazy("Credit runs")
    menu_name = "voucher_credit_runs"
    menu_order = 243
    menu_hook = MENU_HOOKS["subsidies"]
    list_display = [
        "month",
        "scheme",
        "residents_credited",
        ReadableColumn(
            "amount_credited",
            label=gettext_lazy("Amount credited"),
            field=CreditRun._meta.get_field("amount_credited"),
        ),
        "started_at",
        "finished_at",
    ]
    list_select_related = ("scheme",)
    form_fields = ["month"]  # no form: runs are started by "Credit a month" only
    index_view_class = CreditRunIndexView
    action_urls = (("run/", run_credits, "run"),)
