"""Back-office screens of the award: the decision (confirmed on a page of its own before it
is published), and the challenges to it."""

from django import forms
from django.db.models import Case, When
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from incubator.kernel.actions import ActionView
from incubator.kernel.money import format_rmb
from tenders.models import TenderAward, TenderBid
from tenders.selectors import (
    awards_user_may_record_challenge,
    awards_user_may_resolve_challenge,
    tenders_user_may_award,
)
from tenders.services.awards import (
    BEFORE_DEADLINE,
    OVER_BID,
    tender_award,
)
from tenders.services.challenges import award_challenge_record, award_challenge_resolve
from tenders.services.evaluation import evaluation_results, sealed_bids


class BidChoiceField(forms.ModelChoiceField):
    """A bid named by its rank, organisation, price and total score, so the ranking and the
    ceiling of the value are in view."""

    ranks: dict = {}

    def label_from_instance(self, obj):
        label = f"{obj.organisation.name} · {format_rmb(obj.price)}"
        row = self.ranks.get(obj.pk)
        if row is None:
            return label
        return _("No. %(rank)s: %(bid)s · %(total)s points") % {
            "rank": row.rank,
            "bid": label,
            "total": row.total,
        }


class AwardForm(forms.Form):
    """The award decision. The service holds the rules; the form says them and checks the
    value against the chosen bid's price so the officer sees the refusal on the field."""

    bid = BidChoiceField(label=gettext_lazy("Winning bid"), queryset=None)
    amount = forms.DecimalField(
        label=gettext_lazy("Contract value (RMB)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=gettext_lazy("At most the winning bid's price."),
    )
    rationale = forms.CharField(
        label=gettext_lazy("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Published with the award notice."),
    )
    not_top_ranked_reason = forms.CharField(
        label=gettext_lazy("Reason for choosing a bid other than the top-ranked one"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required when the winning bid is not ranked first; recorded in the award's history."
        ),
    )
    contract_starts_on = forms.DateField(
        label=gettext_lazy("Contract starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contract_months = forms.IntegerField(
        label=gettext_lazy("Contract months"), min_value=1, max_value=36, initial=12
    )
    long_contract_reason = forms.CharField(
        label=gettext_lazy("Reason for a contract over 12 months"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deliverables = forms.CharField(
        label=gettext_lazy("Deliverables"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, tender, results=None, **kwargs):
        super().__init__(*args, **kwargs)
        bids = (
            sealed_bids(tender)
            .filter(status=TenderBid.Status.SUBMITTED)
            .select_related("organisation")
        )
        rows = results.rows if results is not None else []
        if rows:
            # Ranked first to last, the top-ranked bid chosen until the officer says otherwise.
            order = Case(
                *(When(pk=row.bid.pk, then=row.rank) for row in rows), default=len(rows) + 1
            )
            bids = bids.order_by(order, "pk")
            self.fields["bid"].ranks = {row.bid.pk: row for row in rows}
            self.fields["bid"].initial = rows[0].bid.pk
        self.fields["bid"].queryset = bids

    def clean(self):
        data = super().clean()
        bid, amount = data.get("bid"), data.get("amount")
        if bid is not None and amount is not None and amount > bid.price:
            self.add_error("amount", OVER_BID % {"price": format_rmb(bid.price)})
        return data


class Award(ActionView):
    """A bureau officer awards the tender once every evaluator has finished."""

    selector = staticmethod(tenders_user_may_award)
    form_class = AwardForm
    heading = gettext_lazy("Award the tender")
    icon = "success"
    template_name = "tenders/admin/award_form.html"

    def get_form_kwargs(self, tender):
        self.results = evaluation_results(tender=tender)
        self.award_blockers = award_blockers(tender, self.results)
        return {"tender": tender, "results": self.results}

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and hasattr(self, "results"):
            response.context_data.update(results=self.results, blockers=self.award_blockers)
        return response

    def act(self, tender, data):
        tender_award(tender=tender, by=self.request.user, **data)
        return _("The award is published; letters and emails are on their way.")

    def confirmation(self, tender, data):
        """What the officer confirms: it is published at once and cannot be taken back."""
        form = AwardForm(tender=tender)
        rows = [
            (form.fields["bid"].label, form.fields["bid"].label_from_instance(data["bid"])),
            (form.fields["amount"].label, format_rmb(data["amount"])),
            (form.fields["rationale"].label, data["rationale"]),
            (
                _("Contract period"),
                _("%(months)s months from %(start)s")
                % {
                    "months": data["contract_months"],
                    "start": date_format(data["contract_starts_on"]),
                },
            ),
            (form.fields["deliverables"].label, data["deliverables"]),
        ]
        for name in ("not_top_ranked_reason", "long_contract_reason"):
            if data.get(name):
                rows.append((form.fields[name].label, data[name]))
        return rows

    def back_url(self, tender):
        return reverse("tenders_admin:tender", args=[tender.pk])

    def subtitle(self, tender):
        return f"{tender.reference} {tender.title}"

    def intro(self, tender):
        return _(
            "The notice is public at once: one working day of notice, then seven working days "
            "for challenges, after which the award becomes final and the contract is created."
        )


def award_blockers(tender, results) -> list[str]:
    """What stops the award now, said before the officer fills in the form (the service
    checks the same again when it acts)."""
    blockers = []
    now = timezone.now()
    if not tender.is_past_deadline(now):
        blockers.append(str(BEFORE_DEADLINE))
    award = tender.standing_award()
    if award is not None:
        if award.status == TenderAward.Status.CHALLENGED:
            blockers.append(_("The award is challenged: resolve the challenge first."))
        else:
            blockers.append(
                _("This tender is already awarded (%(status)s; challenges until %(date)s).")
                % {
                    "status": award.get_status_display(),
                    "date": date_format(award.challenge_ends_on),
                }
            )
    if not results.evaluators:
        blockers.append(_("No evaluator is assigned (or every one is recused)."))
    elif results.pending:
        names = ", ".join(user.get_full_name() or user.username for user in results.pending)
        blockers.append(
            ngettext(
                "%(count)s evaluator has not finished: %(names)s.",
                "%(count)s evaluators have not finished: %(names)s.",
                len(results.pending),
            )
            % {"count": len(results.pending), "names": names}
        )
    elif not results.rows and not blockers:
        blockers.append(_("No submitted bid can win this tender."))
    return blockers


class ChallengeForm(forms.Form):
    challenger = forms.CharField(label=gettext_lazy("Challenger"), max_length=200)
    grounds = forms.CharField(
        label=gettext_lazy("Grounds"), widget=forms.Textarea(attrs={"rows": 4})
    )
    received_on = forms.DateField(
        label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class _AwardAction(ActionView):
    """An action on an award, back on its tender's page."""

    select_related = ("tender",)
    icon = "warning"

    def back_url(self, award):
        return reverse("tenders_admin:tender", args=[award.tender_id])

    def subtitle(self, award):
        return award.tender.reference


class Challenge(_AwardAction):
    """A bureau officer records a challenge to an award."""

    selector = staticmethod(awards_user_may_record_challenge)
    form_class = ChallengeForm
    heading = gettext_lazy("Record a challenge")

    def act(self, award, data):
        award_challenge_record(award=award, by=self.request.user, **data)
        return _("The challenge is recorded; the award waits until it is resolved.")


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("0", gettext_lazy("Dismissed: the award stands")),
            ("1", gettext_lazy("Upheld: the award is set aside")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Resolution"), widget=forms.Textarea(attrs={"rows": 4})
    )


class Resolve(_AwardAction):
    """A bureau officer resolves the challenges to an award."""

    selector = staticmethod(awards_user_may_resolve_challenge)
    form_class = ResolveForm
    heading = gettext_lazy("Resolve the challenge")

    def act(self, award, data):
        award_challenge_resolve(award=award, by=self.request.user, **data)
        return _("The challenge is resolved.")
