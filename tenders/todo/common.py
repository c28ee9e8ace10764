"""What the tender sources of the task lists share."""

from django.db.models import Prefetch, prefetch_related_objects

from tenders.models import TenderPage


def with_titles(queryset, path: str = "pages"):
    """``queryset`` with the tender pages under ``path`` and their locales prefetched, so that
    ``Tender.title`` (in the user's language) costs no query per row."""
    return queryset.prefetch_related(
        Prefetch(path, queryset=TenderPage.objects.select_related("locale"))
    )


def titled(tenders: list) -> None:
    """Give ``tenders`` (read from several queries) their pages and locales in one query, so
    that ``Tender.title`` costs none per tender."""
    prefetch_related_objects(
        tenders, Prefetch("pages", queryset=TenderPage.objects.select_related("locale"))
    )
