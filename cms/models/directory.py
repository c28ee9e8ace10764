"""The public services directory: the care services the city contracts out, by town and type,
for residents and their families on any phone (no JavaScript, large type), with a page per
site and a printable A4 list per community for those who do not use phones. The sites come
from the registered directory source (``cms.directory``): the CMS knows no contract."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

import segno

from cms.blocks import RICH_TEXT_FEATURES
from cms.directory import directory_source, group_by_town
from cms.directory_forms import DirectoryFilterForm
from cms.models.pages import CachedViewRestrictionsMixin, ChineseSearchMixin

# Route arguments come from the address bar: longer ones name nothing in the directory.
MAX_ARGUMENT = 60
# Sites listed on one page of the index (a town of a city ten times ours has about eighty).
SITES_PER_PAGE = 20


def feedback_qr(feedback_url: str) -> str:
    """A QR code of the site's feedback page (an SVG data URI), on the public address that
    the posters at the sites' doors carry."""
    if not feedback_url:
        return ""
    url = settings.SITE_BASE_URL.rstrip("/") + feedback_url
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


class ServicesDirectoryPage(
    CachedViewRestrictionsMixin, RoutablePageMixin, ChineseSearchMixin, Page
):
    """The services directory of one language tree: find care services by town and type;
    each site's page (``site/<code>/``) and each community's printable list
    (``print/<town>/<community>/``) are routes of this page."""

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("A few sentences above the search form: who the directory is for."),
    )

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)
    template = "cms/directory/index.html"

    class Meta:
        verbose_name = _("services directory page")
        verbose_name_plural = _("services directory pages")

    def site_url(self, code: str) -> str:
        return self.url + self.reverse_subpage("directory_site", args=[code])

    def print_url(self, town: str, community: str) -> str:
        return self.url + self.reverse_subpage("directory_print", args=[town, community])

    @path("", name="directory_index")
    def index_route(self, request):
        """The list of sites, filtered by the GET form's town, type of service and kind,
        ``SITES_PER_PAGE`` at a time (``?page=``, the filters kept)."""
        source = directory_source()
        form = DirectoryFilterForm(
            request.GET if request.GET else None,
            towns=source.towns(),
            kinds=source.kinds(),
            service_types=source.service_types(),
        )
        chosen = form.chosen()
        page_of_cards = Paginator(source.sites(**chosen), SITES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        communities = [
            (town, community, self.print_url(town, community))
            for town, community in source.communities()
            if chosen["town"] in (None, town)
        ]
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "filtered": any(chosen.values()),
                "site_count": page_of_cards.paginator.count,
                "page_of_cards": page_of_cards,
                "towns": group_by_town(
                    [(card, self.site_url(card.code)) for card in page_of_cards],
                    key=lambda row: row[0],
                ),
                "communities": communities,
            },
        )

    @path("site/<str:code>/", name="directory_site")
    def site_route(self, request, code: str):
        """One site's page; 404 for a code that names no public site."""
        site = directory_source().site(code[:MAX_ARGUMENT])
        if site is None:
            raise Http404
        return self.render(
            request,
            template="cms/directory/site.html",
            context_overrides={
                "site": site,
                "feedback_qr": feedback_qr(site.feedback_url),
                "print_url": self.print_url(site.town, site.community) if site.community else "",
            },
        )

    @path("print/<str:town>/<str:community>/", name="directory_print")
    def print_route(self, request, town: str, community: str):
        """The A4 list of one community's services, to print and hand out; 404 for a
        community with none."""
        sites = directory_source().sites_in_community(town[:MAX_ARGUMENT], community[:MAX_ARGUMENT])
        if not sites:
            raise Http404
        return self.render(
            request,
            template="cms/directory/print.html",
            context_overrides={
                "town": town,
                "community": community,
                "sites": sites,
                "printed_on": timezone.localdate(),
            },
        )

    def get_sitemap_urls(self, request=None):
        """The directory, each site's page and each community's list, so that search engines
        (and the phone-width walk of the tests) find them."""
        entries = super().get_sitemap_urls(request)
        if not entries:
            return entries
        root = self.get_full_url(request)
        source = directory_source()
        routes = [
            self.reverse_subpage("directory_site", args=[card.code]) for card in source.sites()
        ] + [
            self.reverse_subpage("directory_print", args=[town, community])
            for town, community in source.communities()
        ]
        return entries + [{"location": root + route} for route in routes]
