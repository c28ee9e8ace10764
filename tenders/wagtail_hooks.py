"""Back-office screens of tenders, the audit action types, the working-day calendar's
screens, and the guard that sends every tender through the approval workflow."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.roles import Role, user_has_role
from tenders import admin_awards, admin_contract_evaluation, admin_evaluation, admin_views, copying  # noqa: F401 - copying and admin_contract_evaluation register their hooks
from tenders.admin_complaints import ComplaintViewSet
from tenders.admin_feedback import FeedbackViewSet
from tenders.admin_kpis import KpiTemplateViewSet
from tenders.admin_reports import ContractReportViewSet
from tenders.admin_sites import ServiceSiteViewSet
from tenders.admin_surveys import SurveyQuestionViewSet
from tenders.calendar_admin import CalendarDayViewSet, CalendarYearViewSet
from tenders.choosers import tender_chooser_viewset
from tenders.dashboard import dashboard_panels
from tenders.history import organisation_record_section
from tenders.models import (
    TenderBid,
    TenderBidAttachment,
    TenderBidLogEntry,
    TenderIndexPage,
    TenderPage,
)
from tenders.selectors import is_tender_officer
from tenders.viewsets import BidViewSet, ContractViewSet
from tenders.workflow import sync_tender_workflow

AUDIT_ACTIONS = [
    AuditAction("tenders.bid.save", _("Bid draft saved"), _("Draft bid for %(tender)s saved")),
    AuditAction("tenders.bid.submit", _("Bid submitted"), _("Bid for %(tender)s submitted")),
    AuditAction("tenders.bid.withdraw", _("Bid withdrawn"), _("The bid was withdrawn")),
    AuditAction(
        "tenders.bid.disqualify",
        _("Bid disqualified"),
        _("The bid of %(organisation)s was disqualified"),
    ),
    AuditAction("tenders.bid.score", _("Bid scored"), _("The bid of %(organisation)s was scored")),
    AuditAction("tenders.clarification.ask", _("Question asked"), _("A question about %(tender)s")),
    AuditAction("tenders.clarification.answer", _("Question answered"), _("The answer is public")),
    AuditAction(
        "tenders.evaluator.assign",
        _("Evaluator assigned"),
        _("%(evaluator)s evaluates this tender"),
    ),
    AuditAction(
        "tenders.evaluator.declare",
        _("Conflicts declared"),
        _("Declaration for %(tender)s (recused: %(recused)s)"),
    ),
    AuditAction(
        "tenders.award.decide", _("Award decided"), _("Awarded to %(organisation)s for %(amount)s")
    ),
    AuditAction(
        "tenders.award.not_top_ranked",
        _("Bid not ranked first chosen"),
        _("%(organisation)s chosen over the top-ranked %(top)s"),
    ),
    AuditAction("tenders.award.challenge", _("Award challenged"), _("Challenge by %(challenger)s")),
    AuditAction(
        "tenders.award.resolve", _("Challenge resolved"), _("Challenge upheld: %(upheld)s")
    ),
    AuditAction("tenders.award.finalise", _("Award final"), _("Contract of %(value)s created")),
    AuditAction("tenders.contract.sign", _("Contract signed"), _("Signed on %(signed_on)s")),
    AuditAction(
        "tenders.contract.publish", _("Contract published"), _("Published on the tender page")
    ),
    AuditAction(
        "tenders.contract.amend",
        _("Contract amended"),
        _("Amendment %(number)s: %(value_change)s, value now %(value)s"),
    ),
    AuditAction(
        "tenders.acceptance.record",
        _("Acceptance recorded"),
        _("Acceptance %(number)s (%(kind)s): %(findings)s findings"),
    ),
    AuditAction(
        "tenders.acceptance.sign_off",
        _("Acceptance signed off"),
        _("Acceptance %(number)s signed off: %(conclusion)s"),
    ),
    AuditAction(
        "tenders.acceptance.publish",
        _("Acceptance published"),
        _("Acceptance %(number)s published on the tender page"),
    ),
    AuditAction(
        "tenders.contract.tranches_set",
        _("Payment schedule set"),
        _("%(count)s tranches, %(total)s in all"),
    ),
    AuditAction(
        "tenders.contract.tranche_pay",
        _("Tranche paid"),
        _("Tranche %(number)s: %(amount)s paid on %(paid_on)s (voucher %(reference)s)"),
    ),
    AuditAction(
        "tenders.award.deadlines",
        _("Award deadlines recounted"),
        _("Recounted on the confirmed %(year)s calendar: challenges until %(challenge_ends_on)s"),
    ),
    AuditAction(
        "tenders.contract.kpis_set",
        _("KPIs and reporting set"),
        _("%(reporting)s reporting, %(reports)s reports"),
    ),
    AuditAction("tenders.report.submit", _("Report submitted"), _("Report %(number)s submitted")),
    AuditAction(
        "tenders.survey.schedule",
        _("Residents' survey scheduled"),
        _("Residents' survey from %(opens_on)s to %(closes_on)s"),
    ),
    AuditAction(
        "tenders.report.accept",
        _("Report accepted"),
        _("Report %(number)s accepted: %(score)s"),
    ),
    AuditAction("tenders.report.return", _("Report returned"), _("Report %(number)s returned")),
    AuditAction(
        "tenders.calendar.confirm",
        _("Calendar year confirmed"),
        _("%(year)s confirmed against notice %(notice_number)s; moved: %(recomputed)s"),
    ),
    AuditAction(
        "tenders.calendar.day_save",
        _("Calendar day saved"),
        _("%(date)s: %(kind)s (confirmation withdrawn: %(withdrawn)s)"),
    ),
    AuditAction(
        "tenders.calendar.day_delete",
        _("Calendar day removed"),
        _("%(date)s: %(kind)s removed (confirmation withdrawn: %(withdrawn)s)"),
    ),
]


@hooks.register("register_log_actions")
def register_tender_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)
    # Bids log apart, so that every listing can keep them sealed until the deadline.
    actions.register_model(TenderBid, TenderBidLogEntry)
    actions.register_model(TenderBidAttachment, TenderBidLogEntry)


def _is_tender(page) -> bool:
    return isinstance(page, (TenderPage,)) or getattr(page, "specific_class", None) is TenderPage


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Tenders are published by approving them in the workflow, never directly."""
    page = context.get("page")
    parent = context.get("parent_page")
    is_tender = (
        _is_tender(page)
        if page is not None
        else isinstance(getattr(parent, "specific", None), TenderIndexPage)
    )
    if is_tender and not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_direct_publish(request, page):
    if "action-publish" in request.POST and not request.user.is_superuser:
        messages.error(
            request, gettext("Submit the tender for approval; another officer publishes it.")
        )
        return redirect(request.path)
    return None


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if request.method == "POST" and _is_tender(page.specific):
        return _refuse_direct_publish(request, page)
    return None


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    if request.method == "POST" and page_class is TenderPage:
        return _refuse_direct_publish(request, parent_page)
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    publishing = request.method == "POST" and request.POST.get("publish_copies")
    is_tender = isinstance(page.specific, (TenderPage, TenderIndexPage))
    if publishing and is_tender and not request.user.is_superuser:
        messages.error(request, gettext("Copies of tenders are drafts: submit them for approval."))
        return redirect(request.path)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing(request, action_type, objects, action_class_instance):
    if action_type != "publish" or request.user.is_superuser:
        return None
    if any(isinstance(getattr(obj, "specific", obj), TenderPage) for obj in objects):
        messages.error(request, gettext("Tenders are published only by approving them."))
        return redirect(request.get_full_path())
    return None


@hooks.register("after_create_page")
def assign_workflow_to_new_index(request, page):
    if isinstance(page.specific, TenderIndexPage):
        sync_tender_workflow()


@hooks.register("register_admin_urls")
def register_tender_admin_urls():
    patterns = [
        path("", admin_views.tender_index, name="index"),
        path("deadlines/", admin_views.duties_index, name="duties"),
        path("<int:pk>/", admin_views.tender_detail, name="tender"),
        path("<int:pk>/assign/", admin_evaluation.Assign.as_view(), name="assign"),
        path("<int:pk>/declare/", admin_evaluation.Declare.as_view(), name="declare"),
        path("<int:pk>/award/", admin_awards.Award.as_view(), name="award"),
        path("bids/<int:pk>/", admin_views.bid_detail, name="bid"),
        path("bids/<int:pk>/score/", admin_evaluation.Score.as_view(), name="score"),
        path("bids/<int:pk>/disqualify/", admin_views.Disqualify.as_view(), name="disqualify"),
        path("questions/<int:pk>/answer/", admin_views.Answer.as_view(), name="answer"),
        path("awards/<int:pk>/challenge/", admin_awards.Challenge.as_view(), name="challenge"),
        path("awards/<int:pk>/resolve/", admin_awards.Resolve.as_view(), name="resolve"),
    ]
    return [path("tender-process/", include((patterns, "tenders_admin")))]


class TenderProcessMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_tender_officer(user) or user_has_role(user, Role.EVALUATOR)


@hooks.register(MENU_HOOKS["tenders"])
def register_tender_menu_item() -> MenuItem:
    return TenderProcessMenuItem(
        _("Tender process"),
        reverse_lazy("tenders_admin:index"),
        name="tender_process",
        icon_name="doc-full",
        order=240,
    )


@hooks.register("register_admin_viewset")
def register_tender_viewsets():
    return [
        CalendarDayViewSet("tender_calendar"),
        CalendarYearViewSet("tender_calendar_years"),
        BidViewSet("tender_bids"),
        ContractViewSet("tender_contracts"),
        tender_chooser_viewset,
        ContractReportViewSet("contract_reports"),
        KpiTemplateViewSet("kpi_templates"),
        ServiceSiteViewSet("service_sites"),
        FeedbackViewSet("site_feedback"),
        ComplaintViewSet("site_complaints"),
        SurveyQuestionViewSet("survey_questions"),
    ]


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.extend(dashboard_panels(request))


hooks.register("organisation_record_sections", organisation_record_section)
