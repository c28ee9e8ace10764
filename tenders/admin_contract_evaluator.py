"""The third-party evaluator's back office: "Contracts to evaluate" (their grants active
today), a page per granted contract, the conflict-of-interest declaration and the evaluation
report. Every object comes from the evaluator's active grants, so an access that was revoked,
ended in a conflict or ran out answers 404; the contract's reports, KPIs and evidence appear
only once the evaluator has declared no conflict."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from incubator.kernel.actions import ActionView
from incubator.kernel.files import PrivateUploadFormField
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.roles import Role, user_has_role
from tenders.contract_evaluation_selectors import (
    contract_reports_user_may_evaluate,
    evaluator_grants_active,
    evaluator_grants_user_may_declare,
    evaluator_grants_user_may_report,
)
from tenders.models import ConflictGround, ContractEvaluationReport, ContractReport, Grade
from tenders.services.contract_evaluation import (
    contract_evaluation_submit,
    contract_evaluator_declare,
)


def _require_role(user) -> None:
    if not user_has_role(user, Role.CONTRACT_EVALUATOR):
        raise PermissionDenied


def grant_index(request):
    """The evaluator's grants that are active today, soonest ending first."""
    _require_role(request.user)
    grants = (
        evaluator_grants_active(request.user)
        .select_related("contract__tender", "contract__organisation", "report")
        .order_by("ends_on", "pk")
    )
    return TemplateResponse(request, "tenders/admin/evaluator_index.html", {"grants": grants})


def _report_rows(grant) -> list[tuple]:
    """(report, [(KPI, actual)]) of the contract's filed reports: three queries."""
    reports = list(
        contract_reports_user_may_evaluate(grant.evaluator)
        .filter(contract=grant.contract_id)
        .prefetch_related("actuals", "evidence")
        .order_by("number")
    )
    kpis = list(grant.contract.kpis.all())
    rows = []
    for report in reports:
        actuals = {row.kpi_id: row.value for row in report.actuals.all()}
        rows.append((report, [(kpi, actuals.get(kpi.pk)) for kpi in kpis]))
    return rows


def grant_detail(request, pk: int):
    """One granted contract: before the declaration, what it is and the declaration; after a
    declaration of no conflict, its KPIs, filed reports with actuals, grades and evidence, and
    the evaluation report."""
    grant = get_visible_or_404(
        request,
        evaluator_grants_active(request.user).select_related(
            "contract__tender", "contract__organisation"
        ),
        pk=pk,
    )
    cleared = grant.conflict == ConflictGround.NONE
    report = ContractEvaluationReport.objects.filter(grant=grant).first()
    context = {
        "grant": grant,
        "contract": grant.contract,
        "cleared": cleared,
        "report": report,
        "kpis": list(grant.contract.kpis.all()) if cleared else [],
        "report_rows": _report_rows(grant) if cleared else [],
        "accepted": ContractReport.Status.ACCEPTED,
    }
    return TemplateResponse(request, "tenders/admin/evaluator_contract.html", context)


class DeclarationForm(forms.Form):
    conflict = forms.ChoiceField(
        label=gettext_lazy("Your relationship with the provider"),
        choices=ConflictGround.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=gettext_lazy("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required for “another relationship”."),
    )


class _GrantAction(ActionView):
    select_related = ("contract__tender", "contract__organisation")

    def back_url(self, grant):
        return reverse("contract_evaluator:grant", args=[grant.pk])

    def subtitle(self, grant):
        return f"{grant.contract.tender.reference} · {grant.contract.organisation.name}"


class Declare(_GrantAction):
    """The evaluator declares, once, any conflict of interest with the provider."""

    selector = staticmethod(evaluator_grants_user_may_declare)
    form_class = DeclarationForm
    heading = gettext_lazy("Declare conflicts of interest")
    icon = "warning"

    def intro(self, grant):
        return _(
            "Declare any relationship with %(organisation)s under Article 9 of the "
            "Implementing Regulation of the Government Procurement Law. A conflict ends your "
            "access at once and the bureau is told; with none you read the contract's reports."
        ) % {"organisation": grant.contract.organisation.name}

    def blockers(self, grant):
        return [_("You have declared already.")] if grant.declared_at else []

    def act(self, grant, data):
        grant = contract_evaluator_declare(
            grant=grant, conflict=data["conflict"], details=data["details"], by=self.request.user
        )
        if grant.conflicted:
            return _("Your conflict is recorded; your access has ended.")
        return _("Your declaration is recorded: you may now read the reports.")

    def success_url(self, grant):
        grant.refresh_from_db(fields=["conflict", "declared_at"])
        if grant.conflicted:
            return reverse("contract_evaluator:index")
        return self.back_url(grant)


class EvaluationReportForm(forms.Form):
    findings = forms.CharField(
        label=gettext_lazy("Findings"), widget=forms.Textarea(attrs={"rows": 8})
    )
    recommended_grade = forms.ChoiceField(
        label=gettext_lazy("Recommended grade"), choices=Grade.choices
    )
    score = forms.DecimalField(
        label=gettext_lazy("Score"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=gettext_lazy("Out of 100."),
    )
    file = PrivateUploadFormField(
        label=gettext_lazy("Report file"),
        required=False,
        help_text=gettext_lazy("Optional: the full report as a PDF or office document."),
    )


class SubmitEvaluation(_GrantAction):
    """The evaluator submits their evaluation report, once, before the access ends."""

    selector = staticmethod(evaluator_grants_user_may_report)
    form_class = EvaluationReportForm
    heading = gettext_lazy("Submit the evaluation report")
    icon = "doc-full"

    def get_form(self, grant):
        if self.request.method == "POST":
            return self.form_class(self.request.POST, self.request.FILES)
        return self.form_class()

    def intro(self, grant):
        return _("Submit before the end of %(ends_on)s. A submitted report never changes.") % {
            "ends_on": grant.ends_on.isoformat()
        }

    def blockers(self, grant):
        if ContractEvaluationReport.objects.filter(grant=grant).exists():
            return [_("You have submitted your evaluation report already.")]
        return []

    def act(self, grant, data):
        contract_evaluation_submit(
            grant=grant,
            findings=data["findings"],
            recommended_grade=data["recommended_grade"],
            score=data["score"],
            file=data.get("file"),
            by=self.request.user,
        )
        return _("Your evaluation report is submitted; the bureau is told.")


def urls() -> list:
    """The evaluator's URLs (registered with the bureau's in ``admin_contract_evaluation``)."""
    patterns = [
        path("", grant_index, name="index"),
        path("<int:pk>/", grant_detail, name="grant"),
        path("<int:pk>/declare/", Declare.as_view(), name="declare"),
        path("<int:pk>/report/", SubmitEvaluation.as_view(), name="report"),
    ]
    return [path("contracts-to-evaluate/", include((patterns, "contract_evaluator")))]


class ContractsToEvaluateMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_role(request.user, Role.CONTRACT_EVALUATOR)


@hooks.register(MENU_HOOKS["tenders"])
def register_contracts_to_evaluate_menu_item() -> MenuItem:
    return ContractsToEvaluateMenuItem(
        gettext_lazy("Contracts to evaluate"),
        reverse_lazy("contract_evaluator:index"),
        name="contracts_to_evaluate",
        icon_name="clipboard-list",
        order=246,
    )
