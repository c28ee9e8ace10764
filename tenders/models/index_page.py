"""The tender index: one per language tree, listing its tenders with filters, a search box,
pages and a feed."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.models.pages import CachedViewRestrictionsMixin, ChineseSearchMixin
from cms.pagecache import public
from tenders.feeds import TenderFeed
from tenders.forms import TenderFilterForm

from .pages import TenderPage

TENDERS_PER_PAGE = 20
LAST_PAGE = 10_000  # far past any real list, and an offset every database can take


def _page_number(value) -> int:
    """The page asked for in the query string; the first for anything but a positive number,
    and never past ``LAST_PAGE``."""
    try:
        return min(max(1, int(value)), LAST_PAGE)
    except (TypeError, ValueError):
        return 1


def _page_url(request, number: int) -> str:
    """The same list with the same filters, on page ``number``."""
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


class TenderIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, ChineseSearchMixin, Page):
    """Lists the tenders of one language tree, with filters, a search box and a feed."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tenders.TenderPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)

    class Meta:
        verbose_name = _("tender index page")
        verbose_name_plural = _("tender index pages")

    def tenders(self):
        """The live public tenders of this index, newest deadline first, with their state."""
        return (
            public(TenderPage.objects.live().child_of(self))
            .with_state()
            .order_by("-deadline", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = TenderFilterForm(request.GET or None)
        tenders = self.tenders()
        if form.is_valid():
            tenders = form.filter(tenders)
        # A page of tenders and one more, to know whether a next page exists without counting.
        number = _page_number(request.GET.get("page"))
        start = (number - 1) * TENDERS_PER_PAGE
        window = list(tenders[start : start + TENDERS_PER_PAGE + 1])
        context.update(
            filter_form=form,
            tender_count=tenders.order_by().count(),
            tenders=window[:TENDERS_PER_PAGE],
            previous_url=_page_url(request, number - 1) if number > 1 else None,
            next_url=_page_url(request, number + 1) if len(window) > TENDERS_PER_PAGE else None,
        )
        return context

    def route(self, request, path_components):
        """A tender below the index in one query (the specific page straight away); the
        index's own routes (the list, the feed) as before."""
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                tender = (
                    TenderPage.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .select_related("tender")  # its process, read by the page, in this query
                    .first()
                )
                if tender is not None:
                    tender._cached_parent_obj = self
                    return tender.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        return TenderFeed()(request, index=self)
