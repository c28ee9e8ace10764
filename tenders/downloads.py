"""Downloads of bid attachments: the bidding organisation's members at any time; after the
deadline bureau officers and cleared evaluators; 404 for everyone else. Contract reports'
evidence: the provider's members, bureau officers, the managers of the provider's hub, and a
third-party evaluator cleared for the contract while their access runs."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.urls import path

from incubator.kernel.files import private_file_response
from incubator.kernel.permissions import get_visible_or_404
from tenders.contract_evaluation_selectors import report_evidence_user_may_evaluate
from tenders.models import ContractReportEvidence, TenderBidAttachment
from tenders.selectors import (
    bids_of_own_organisation,
    bids_user_may_open,
    report_evidence_visible_to,
)


@login_required
def bid_attachment(request, pk: int):
    visible = Q(bid__in=bids_of_own_organisation(request.user).values("pk")) | Q(
        bid__in=bids_user_may_open(request.user).values("pk")
    )
    attachment = get_visible_or_404(request, TenderBidAttachment.objects.filter(visible), pk=pk)
    return private_file_response(attachment.file, download_name=attachment.original_name)


@login_required
def report_evidence(request, pk: int):
    visible = Q(pk__in=report_evidence_visible_to(request.user).values("pk")) | Q(
        pk__in=report_evidence_user_may_evaluate(request.user).values("pk")
    )
    evidence = get_visible_or_404(request, ContractReportEvidence.objects.filter(visible), pk=pk)
    return private_file_response(evidence.file, download_name=evidence.original_name)


app_name = "tender_files"
urlpatterns = [
    path("bid-attachments/<int:pk>/", bid_attachment, name="bid_attachment"),
    path("report-evidence/<int:pk>/", report_evidence, name="report_evidence"),
]
