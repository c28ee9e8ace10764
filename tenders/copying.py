"""Copies of tenders that make sense. A tender is never an alias (an alias of a procurement
would be a second public notice of one process); a plain copy is a draft with a reference of
its own and nothing of the original's process: its bids, questions, scores and awards point
at the original and stay there, and the cancellation is not copied.

Wagtail's copy view would copy the reference too, which the tender's own validation refuses;
for tenders the copy is made here, from the same form, with a new reference."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin import messages

from tenders.models import TenderIndexPage, TenderPage
from tenders.page_forms import TenderCopyForm

REFERENCE_MAX = 40
ALIAS_REFUSED = _(
    "A tender cannot be copied as an alias: copy it as a draft with its own reference instead."
)


def copy_reference(reference: str) -> str:
    """A free reference for a copy: the original's with -COPY, -COPY2, ... appended."""
    for n in range(1, 1000):
        suffix = "-COPY" if n == 1 else f"-COPY{n}"
        candidate = reference[: REFERENCE_MAX - len(suffix)] + suffix
        if not TenderPage.objects.filter(reference=candidate).exists():
            return candidate
    raise ValidationError(
        gettext("No free reference for the copy; give the original a shorter one.")
    )


def _is(page, *classes) -> bool:
    return issubclass(page.specific_class or type(page), classes)


@hooks.register("before_copy_page")
def copy_tenders_as_drafts(request, page):
    """Refuse aliases of tenders and of tender indexes, and copying a tender index with its
    tenders; copy a tender as a draft with a new reference."""
    if not _is(page, TenderPage, TenderIndexPage) or request.method != "POST":
        return None
    if request.POST.get("alias"):
        messages.error(request, ALIAS_REFUSED)
        return redirect(request.get_full_path())
    if _is(page, TenderIndexPage):
        if request.POST.get("copy_subpages"):
            messages.error(request, gettext("Copy the tenders of an index one by one."))
            return redirect(request.get_full_path())
        return None
    if request.POST.get("publish_copies"):
        return None  # refused with its own message by the workflow guard
    form = TenderCopyForm(request.POST, page=page, user=request.user)
    if not form.is_valid():
        return None  # Wagtail's view shows the same form with its errors
    tender = page.specific
    parent = form.cleaned_data["new_parent_page"] or page.get_parent()
    if not isinstance(parent.specific, TenderIndexPage):
        return None
    try:
        reference = copy_reference(tender.reference)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(request.get_full_path())
    copy = CopyPageAction(
        page=tender,
        to=parent,
        update_attrs={
            "title": form.cleaned_data["new_title"],
            "slug": form.cleaned_data["new_slug"],
            "reference": reference,
        },
        keep_live=False,
        user=request.user,
    ).execute()
    messages.success(
        request,
        gettext("Copied as a draft with the reference %(reference)s; change it before submitting.")
        % {"reference": reference},
    )
    return redirect("wagtailadmin_pages:edit", copy.pk)
