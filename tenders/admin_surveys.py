"""Back-office screens of residents' surveys: the bureau's survey questions per service
category, and "Schedule a survey" on a contract's page (the contract's surveys and their
results are listed there, ``surveys_with_results``)."""

from datetime import timedelta

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.models import SurveyQuestion
from tenders.services.surveys import survey_schedule
from tenders.survey_selectors import contracts_user_may_schedule_surveys

SURVEY_DAYS = 14  # the proposed length of a survey


class SurveyQuestionViewSet(ScopedModelViewSet):
    """The questions the bureau asks residents about each service category's contracts."""

    model = SurveyQuestion
    scopes: dict = {}  # model-wide rights only: bureau officers
    icon = "help"
    menu_label = gettext_lazy("Survey questions")
    menu_name = "survey_questions"
    menu_order = 248
    menu_hook = MENU_HOOKS["tenders"]
    list_display = ["text", "category", "position"]
    list_filter = ["category"]
    search_fields = ["text"]
    ordering = ["category", "position", "pk"]
    form_fields = ["category", "text", "position"]


class ScheduleSurveyForm(forms.Form):
    """The days a survey is open (both included)."""

    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Closes on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "The result counts as the satisfaction KPI of the report whose period contains this "
            "day."
        ),
    )


class ScheduleSurvey(ActionView):
    """Schedule a residents' survey of a contract, with its category's questions."""

    selector = staticmethod(contracts_user_may_schedule_surveys)
    select_related = ("organisation", "tender")
    form_class = ScheduleSurveyForm
    heading = gettext_lazy("Schedule a survey")
    icon = "help"

    def get_form_kwargs(self, contract):
        opens_on = max(timezone.localdate(), contract.starts_on)
        closes_on = min(opens_on + timedelta(days=SURVEY_DAYS - 1), contract.ends_on)
        return {"initial": {"opens_on": opens_on, "closes_on": closes_on}}

    def subtitle(self, contract):
        return f"{contract.tender.reference} · {contract.organisation.name}"

    def intro(self, contract):
        return _(
            "Residents answer the questions of the tender's service category on the public page "
            "of each of the contract's sites, linked from the sites' feedback pages while the "
            "survey is open. The satisfaction rate is the share of ratings of 4 or 5 out of 5."
        )

    def back_url(self, contract):
        return reverse("tender_contracts:inspect", args=[contract.pk])

    def act(self, contract, data):
        survey = survey_schedule(
            contract=contract,
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            by=self.request.user,
        )
        return _("The survey is scheduled with %(count)s questions.") % {
            "count": survey.questions.count()
        }
