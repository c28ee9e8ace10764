"""Residents' complaints about the provider's service sites, in the organisation portal: the
unanswered first (late ones marked: they have gone to the bureau), each with its due date;
a complaint's page with its timeline, the resident's contact if given, and the form to answer
it. Another organisation's complaint answers 404."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from incubator.incubation.portal.views import _context, member_required
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import get_visible_or_404
from tenders.complaint_selectors import complaints_of_own_organisation, complaints_visible_to
from tenders.complaint_timeline import complaint_timeline
from tenders.models.complaints import ANSWER_MAX
from tenders.services.complaints import complaint_answer

PER_PAGE = 20


class AnswerForm(forms.Form):
    """The provider's answer, which the resident reads with the tracking code."""

    answer = forms.CharField(
        label=pgettext_lazy("complaint", "Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "The resident reads this with the tracking code and rates it; the bureau reads it "
            "too. Say what you found, what you did and who to call."
        ),
        error_messages={"required": gettext_lazy("Write the answer to the resident.")},
    )


def _complaints(request):
    return complaints_visible_to(request.user).filter(
        pk__in=complaints_of_own_organisation(request.user).values("pk")
    )


@member_required
def complaints(request):
    """The organisation's complaints: unanswered first (the late ones first of all)."""
    today = timezone.localdate()
    rows = (
        _complaints(request)
        .select_related("site")
        .annotate(
            urgency=Case(
                When(answered_at__isnull=True, answer_due_on__lt=today, then=Value(0)),
                When(answered_at__isnull=True, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", "answer_due_on", "-filed_at")
    )
    counts = _complaints(request).aggregate(
        waiting=Count("pk", filter=Q(answered_at__isnull=True, answer_due_on__gte=today)),
        late=Count("pk", filter=Q(answered_at__isnull=True, answer_due_on__lt=today)),
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "tenders/portal/complaints.html",
        _context(request, page=page, today=today, **counts),
    )


@member_required
def complaint(request, pk: int):
    """One complaint: what the resident wrote, its timeline, and the form to answer it."""
    complaint = get_visible_or_404(
        request, _complaints(request).select_related("site__contract__tender"), pk=pk
    )
    form = AnswerForm(request.POST or None) if complaint.answered_at is None else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This complaint has been answered already."))
            return redirect("tenders_portal:complaint", pk=complaint.pk)
        if form.is_valid():
            try:
                complaint_answer(
                    complaint=complaint, answer=form.cleaned_data["answer"], by=request.user
                )
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Your answer is recorded; the resident sees it with the code.")
                )
                return redirect("tenders_portal:complaint", pk=complaint.pk)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "tenders/portal/complaint.html",
        _context(
            request,
            complaint=complaint,
            state=complaint.state(today),
            timeline=complaint_timeline(complaint, today, public=False),
            form=form,
        ),
        status=400 if form is not None and form.errors else 200,
    )
