"""Public views of the CMS that are not pages: the site search."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

from cms.search import cjk_search_query

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# Characters no visitor means to search for that break the database's full-text syntax: a lone
# double quote is an unterminated phrase to SQLite's FTS5, and PostgreSQL refuses NUL.
UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]')


def _rank(hits: list[Page], query: str) -> list[Page]:
    """Pages whose title holds every word of the query first, then the rest, each group in the
    backend's relevance order. Titles are what visitors recognise; body-length normalisation
    alone buries a page called '申报岗位补贴' under shorter pages that mention 补贴 once."""
    words = [word.casefold() for word in query.split()]
    return sorted(hits, key=lambda page: not all(w in page.title.casefold() for w in words))


def search(request):
    """Search the published, public pages of the visitor's language."""
    query = " ".join(UNSEARCHABLE.sub(" ", request.GET.get("q", "")).split())[:MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        hits = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .search(cjk_search_query(query), operator="and")
        )
        # The public site holds hundreds of pages, not millions: rank them all, then load
        # the specific pages of one result page in a single query.
        paginator = Paginator(_rank(list(hits), query), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        specific = Page.objects.filter(pk__in=[p.pk for p in page_obj]).specific().in_bulk()
        page_obj.object_list = [specific[p.pk] for p in page_obj if p.pk in specific]
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "page_obj": page_obj}
    )
