"""The provider's contract reports in the organisation portal: each report's KPIs with the
figures to give, the narrative and evidence files, the bureau's decision and the period's
grade. A report of another organisation's contract answers 404."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.files import PrivateUploadsFormField
from incubator.kernel.permissions import get_visible_or_404
from incubator.kernel.uploads import MB
from tenders.models import ContractReport
from tenders.selectors import contract_reports_user_may_file, report_kpi_rows
from tenders.services.reports import contract_report_submit
from tenders.survey_selectors import satisfaction_actual

KPI_PREFIX = "kpi_"


class ReportForm(forms.Form):
    """One figure per KPI of the contract, the narrative and evidence files."""

    narrative = forms.CharField(
        label=gettext_lazy("Narrative"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "What was done in the period, what went well or not, and what the figures rest on."
        ),
    )
    files = PrivateUploadsFormField(label=gettext_lazy("Evidence files"))

    def __init__(self, *args, kpis=(), from_survey=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        fields = {}
        for kpi in self.kpis:
            name = f"{KPI_PREFIX}{kpi.pk}"
            if from_survey is not None and kpi.pk in from_survey.kpi_pks:
                # The residents' survey gives this figure: shown, never typed.
                fields[name] = forms.DecimalField(
                    label=f"{kpi.name} ({kpi.unit})",
                    disabled=True,
                    initial=from_survey.rate,
                    help_text=survey_note(from_survey),
                )
                continue
            fields[name] = forms.DecimalField(
                label=f"{kpi.name} ({kpi.unit})",
                min_value=0,
                max_digits=12,
                decimal_places=2,
                help_text=_("Target: %(target)s %(unit)s. %(method)s")
                % {"target": f"{kpi.target.normalize():f}", "unit": kpi.unit, "method": kpi.method},
            )
        # The figures first, then the narrative and the files.
        self.fields = {**fields, **self.fields}

    def actuals(self) -> dict:
        return {kpi.pk: self.cleaned_data[f"{KPI_PREFIX}{kpi.pk}"] for kpi in self.kpis}


def survey_note(from_survey) -> str:
    """Where a satisfaction figure comes from, as the provider reads it."""
    survey = from_survey.survey
    return ngettext(
        "From the residents' survey of %(opens)s to %(closes)s: %(count)s respondent; the "
        "share of ratings of 4 or 5 out of 5.",
        "From the residents' survey of %(opens)s to %(closes)s: %(count)s respondents; the "
        "share of ratings of 4 or 5 out of 5.",
        from_survey.respondents,
    ) % {
        "opens": date_format(survey.opens_on),
        "closes": date_format(survey.closes_on),
        "count": from_survey.respondents,
    }


def _reports(request):
    return (
        contract_reports_user_may_file(request.user)
        .filter(contract__organisation=request.membership.organisation)
        .select_related("contract__tender", "decided_by", "submitted_by")
    )


def _initial(report, rows) -> dict:
    initial = {"narrative": report.narrative}
    initial.update({f"{KPI_PREFIX}{kpi.pk}": value for kpi, value in rows if value is not None})
    return initial


@member_required
def report(request, pk: int):
    """One report: its KPIs, the figures given, the bureau's decision and grade; while it is
    due (its period over) or returned, the form to file it."""
    report = get_visible_or_404(request, _reports(request), pk=pk)
    today = timezone.localdate()
    rows = report_kpi_rows(report)
    may_file = report.status in ContractReport.OPEN and report.period_ends_on <= today and rows
    from_survey = satisfaction_actual(report) if report.status in ContractReport.OPEN else None
    form = None
    if may_file:
        form = ReportForm(
            request.POST or None,
            request.FILES or None,
            kpis=[kpi for kpi, _value in rows],
            from_survey=from_survey,
            initial=_initial(report, rows),
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This report cannot be changed now."))
            return redirect("tenders_portal:report", pk=report.pk)
        if form.is_valid():
            try:
                contract_report_submit(
                    report=report,
                    actuals=form.actuals(),
                    narrative=form.cleaned_data["narrative"],
                    files=form.cleaned_data["files"],
                    by=request.user,
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The report was submitted. The bureau will review it."))
                return redirect("tenders_portal:report", pk=report.pk)
    return TemplateResponse(
        request,
        "tenders/portal/report.html",
        _context(
            request,
            report=report,
            contract=report.contract,
            tender=report.contract.tender,
            kpi_rows=rows,
            survey_note=survey_note(from_survey) if from_survey else "",
            evidence=report.evidence.all(),
            form=form,
            max_mb=settings.PRIVATE_UPLOAD_MAX_BYTES // MB,
            overdue=report.is_overdue(today),
            not_yet=report.status in ContractReport.OPEN and report.period_ends_on > today,
        ),
    )
