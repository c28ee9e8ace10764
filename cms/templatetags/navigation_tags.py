"""Site navigation drawn from the page tree of the active language. The current page's
ancestors are read once per request and shared by the header and the breadcrumbs; ancestors
and menus come from the shared page cache (``cms.pagecache``), rebuilt when pages
change."""

from django import template

from wagtail.models import Page, Site

from cms.pagecache import cached

register = template.Library()

HOME_DEPTH = 2  # the tree root is depth 1; each language's home page sits right below it


def _ancestors(page: Page) -> list[Page]:
    """The page's ancestors from the tree root down, memoised on the page instance."""
    if not hasattr(page, "_nav_ancestors"):
        page._nav_ancestors = cached(f"ancestors:{page.pk}", lambda: list(page.get_ancestors()))
    return page._nav_ancestors


@register.simple_tag
def page_ancestors(page) -> list[Page]:
    """Ancestors of the page below the tree root, for breadcrumbs."""
    if not isinstance(page, Page):
        return []
    return [ancestor for ancestor in _ancestors(page) if ancestor.depth >= HOME_DEPTH]


@register.simple_tag(takes_context=True)
def localized_home(context) -> Page | None:
    """The home page of the visitor's language: the current page's top ancestor when a page is
    shown, otherwise the site root's translation."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= HOME_DEPTH:
        if page.depth == HOME_DEPTH:
            return page
        return next((a for a in _ancestors(page) if a.depth == HOME_DEPTH), None)
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag
def menu_items(home: Page | None, current=None) -> list[dict]:
    """Live pages under the home page that editors chose to show in menus, each marked active
    when the current page is that page or lies below it."""
    if home is None:
        return []
    current_path = current.path if isinstance(current, Page) else None
    pages = cached(f"menu:{home.pk}", lambda: list(home.get_children().live().public().in_menu()))
    return [
        {"page": page, "active": bool(current_path and current_path.startswith(page.path))}
        for page in pages
    ]
