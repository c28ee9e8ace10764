"""The tender chooser of the back office: a modal of the tenders a bureau officer manages,
newest deadline first, searched by reference or page title and paged, so that a choice of
one tender costs the same with fifty tenders as with five thousand (a <select> listed them
all). It refuses everyone but bureau officers on every URL, and the widget shows a chosen
tender only when it is among the field's own (scoped) choices."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from incubator.kernel.display import local_time
from incubator.kernel.security import log_refused_access
from tenders.models import Tender, TenderPage
from tenders.selectors import is_tender_officer, tenders_user_may_manage

MALFORMED_ID = (ValueError, TypeError, ValidationError)


def tender_label(tender: Tender) -> str:
    """How a chosen tender reads: its reference and its title in the active language."""
    return f"{tender.reference} · {tender.title}"


def _with_titles(tenders):
    # Titles live on the pages (one per language): one query for a whole page of results.
    return tenders.prefetch_related(
        Prefetch("pages", queryset=TenderPage.objects.select_related("locale").order_by("pk"))
    )


class TenderSearchForm(BaseFilterForm):
    """Search by reference or page title in the database: tenders are not search-indexed."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Reference or title")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        titled = TenderPage.objects.filter(title__icontains=query).values("tender")
        return objects.filter(Q(reference__icontains=query) | Q(pk__in=titled))


class _OfficersOnly:
    """Deny by default: every URL answers 404 to anyone but bureau officers (anonymous
    visitors are sent to log in before this)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_tender_officer(request.user):
            log_refused_access(request, model=Tender)
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class _TenderListing(_OfficersOnly):
    ordering = ("-deadline", "pk")
    filter_form_class = TenderSearchForm

    def get_object_list(self):
        return _with_titles(tenders_user_may_manage(self.request.user))

    def can_create(self):
        return False  # tenders are written as pages, never from a chooser

    @property
    def title_column(self):
        column = super().title_column  # the link that chooses: str(tender), its reference
        column.label = _("Tender reference")
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("page_title", label=_("Title"), accessor="title"),
            Column("deadline", label=_("Deadline"), accessor=lambda t: local_time(t.deadline)),
        ]


class TenderChooseView(_TenderListing, chooser_views.ChooseView):
    pass


class TenderChooseResultsView(_TenderListing, chooser_views.ChooseResultsView):
    pass


class _TenderChosenResponse:
    def get_display_title(self, instance):
        return tender_label(instance)

    def get_edit_item_url(self, instance):
        return None  # a tender is edited on its page, in the page editor


class TenderChosenView(_OfficersOnly, _TenderChosenResponse, chooser_views.ChosenView):
    def get_object(self, pk):
        try:
            tender = _with_titles(tenders_user_may_manage(self.request.user)).filter(pk=pk).first()
        except MALFORMED_ID:
            tender = None
        if tender is None:
            log_refused_access(self.request, model=Tender, object_id=pk)
            raise Http404
        return tender


class TenderChosenMultipleView(
    _OfficersOnly, _TenderChosenResponse, chooser_views.ChosenMultipleView
):
    def get_objects(self, pks):
        ids = [pk for pk in pks if pk.isdigit()]
        return _with_titles(tenders_user_may_manage(self.request.user).filter(pk__in=ids))


class TenderCreateView(chooser_views.CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise Http404  # nobody creates a tender here (see _TenderListing.can_create)


class ScopedTenderChooser(BaseChooser):
    """A chooser widget for a ModelChoiceField: it shows the chosen object only when it is among
    the field's choices (the user's scope), and a malformed id as nothing chosen."""

    show_edit_link = False

    def get_instance(self, value):
        if value is None or value == "":
            return None
        queryset = getattr(getattr(self, "choices", None), "queryset", None)
        if queryset is None:
            return None  # outside a ModelChoiceField there is no scope to trust
        if isinstance(value, queryset.model):
            value = value.pk
        try:
            return _with_titles(queryset).filter(pk=value).first()
        except MALFORMED_ID:
            return None

    def get_display_title(self, instance):
        return tender_label(instance)


class TenderChooserViewSet(ChooserViewSet):
    """The tender chooser; not the default widget of tender foreign keys (``register_widget``)."""

    model = Tender
    icon = "doc-full"
    choose_one_text = _("Choose a tender")
    choose_another_text = _("Choose another tender")
    register_widget = False
    per_page = 20
    base_widget_class = ScopedTenderChooser
    choose_view_class = TenderChooseView
    choose_results_view_class = TenderChooseResultsView
    chosen_view_class = TenderChosenView
    chosen_multiple_view_class = TenderChosenMultipleView
    create_view_class = TenderCreateView


tender_chooser_viewset = TenderChooserViewSet("tender_chooser")
