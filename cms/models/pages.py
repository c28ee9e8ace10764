from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms.admin_forms import SafeStreamFieldPageForm
from cms.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from cms.pagecache import aliases_exist, cached, public, restricted_paths
from cms.search import cjk_index_text


class ChineseSearchMixin:
    """Adds the Chinese characters and character pairs of a page's text to the search index, so
    that a search for 补贴 finds 岗位补贴申报 (see ``cms.search``)."""

    cjk_text_fields: tuple[str, ...] = ()
    cjk_stream_fields: tuple[str, ...] = ()

    def cjk_search_text(self) -> str:
        parts = [self.title, *(str(getattr(self, name) or "") for name in self.cjk_text_fields)]
        for name in self.cjk_stream_fields:
            stream = getattr(self, name)
            parts.extend(stream.stream_block.get_searchable_content(stream))
        return cjk_index_text(" ".join(parts))


class CachedViewRestrictionsMixin:
    """Serving a page checks the view restrictions of the page and its ancestors (two queries
    in Wagtail). When no restriction covers the page's path and no page is an alias, that is
    known from the shared page cache without asking the database."""

    def get_view_restrictions(self):
        paths = restricted_paths()
        if not paths or (
            not aliases_exist() and not any(self.path.startswith(path) for path in paths)
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(CachedViewRestrictionsMixin, ChineseSearchMixin, Page):
    """The front page of one language tree: a welcome, the latest guidance and the main sections."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the page title."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    base_form_class = SafeStreamFieldPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.GuidanceIndexPage",
        "cms.StandardPage",
        "tenders.TenderIndexPage",
        "cms.ServicesDirectoryPage",
    ]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)
    cjk_stream_fields = ("body",)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Find a section below the home page through the cached map of its children's slugs:
        one query for the specific page instead of two (the plain page, then the specific)."""
        if path_components:
            found = cached(f"children:{self.pk}", self._children_by_slug).get(path_components[0])
            model = ContentType.objects.get_for_id(found[0]).model_class() if found else None
            child = model.objects.filter(pk=found[1]).first() if model else None
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _children_by_slug(self) -> dict[str, tuple[int, int]]:
        return {
            slug: (content_type_id, pk)
            for slug, content_type_id, pk in self.get_children().values_list(
                "slug", "content_type_id", "pk"
            )
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_guidance"] = public(
            GuidancePage.objects.live().descendant_of(self)
        ).order_by("-last_published_at")[:3]
        return context


class GuidanceIndexPage(CachedViewRestrictionsMixin, ChineseSearchMixin, Page):
    """Lists the guidance pages: how to register, how the incubator works, how to apply."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidancePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)

    class Meta:
        verbose_name = _("guidance index page")
        verbose_name_plural = _("guidance index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guidance_pages"] = public(GuidancePage.objects.live().child_of(self))
        return context


class GuidancePage(CachedViewRestrictionsMixin, ChineseSearchMixin, Page):
    """One piece of guidance for organisations, with headings, text, documents and FAQs."""

    summary = models.TextField(
        _("summary"),
        max_length=240,
        help_text=_("Shown in lists and search results; one or two sentences."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked against current rules."),
    )

    base_form_class = SafeStreamFieldPageForm
    parent_page_types = ["cms.GuidanceIndexPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("summary",)
    cjk_stream_fields = ("body",)

    class Meta:
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")


class StandardPage(CachedViewRestrictionsMixin, ChineseSearchMixin, Page):
    """A plain content page such as 'About the incubator' or 'Contact'."""

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences under the page title."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    base_form_class = SafeStreamFieldPageForm
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("cjk_search_text"),
    ]
    cjk_text_fields = ("intro",)
    cjk_stream_fields = ("body",)

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
