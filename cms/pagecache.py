"""A shared cache for what every public page repeats: the navigation menu, a page's
ancestors and translations, the site settings. Built once, then read from the cache (shared
between app servers when REDIS_URL is set) instead of the database.

Every entry carries the current *generation*; anything that could change what they hold (a
page saved, published, unpublished, moved or deleted, a page or collection view restriction, a
site, a document or image, the site settings) starts a new generation, so stale entries are
never read again and simply expire.
The generation moves at once and again when the transaction commits: a request that read
the old state in between cannot leave it behind."""

from collections.abc import Callable
from typing import TypeVar
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"
TIMEOUT = 60 * 60
# What decides who may see a page is kept a minute at most: without a shared cache
# (REDIS_URL), another process learns of a new view restriction only when its entry expires.
ACCESS_TIMEOUT = 60
_MISSING = object()
T = TypeVar("T")


def generation() -> str:
    """The current generation, started if there is none yet."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def cached(name: str, build: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """The value cached under ``name`` in this generation, built (and cached for ``timeout``
    seconds) when missing."""
    key = f"pagecache:{generation()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout)
    return value


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction (it covers their subtree)."""
    from wagtail.models import PageViewRestriction

    return cached(
        "restricted-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
        timeout=ACCESS_TIMEOUT,
    )


def aliases_exist() -> bool:
    """Whether any page is an alias of another (aliases take their source's restrictions)."""
    from wagtail.models import Page

    return cached(
        "aliases-exist",
        lambda: Page.objects.filter(alias_of__isnull=False).exists(),
        timeout=ACCESS_TIMEOUT,
    )


def public(queryset):
    """``queryset.public()`` without its query for the view restrictions: the restricted
    pages' paths come from the cache (restrictions are rare and change rarely)."""
    from django.db.models import Q

    paths = restricted_paths()
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if paths else queryset


def invalidate() -> None:
    """Start a new generation: every entry cached so far is ignored from now on."""
    cache.set(GENERATION_KEY, uuid4().hex, None)


def invalidate_on_change(**kwargs) -> None:
    """Signal receiver: a new generation now and another when the transaction commits."""
    invalidate()
    transaction.on_commit(invalidate)


def invalidate_on_page_change(sender, instance=None, **kwargs) -> None:
    """Receiver of every model's save and delete: acts only on pages."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate_on_change()


def connect_signals() -> None:
    """Connect the receivers that start a new generation (called once, from the app config)."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete):
        signal.connect(invalidate_on_page_change, dispatch_uid=f"pagecache.page.{id(signal)}")
        watched = (
            PageViewRestriction,
            CollectionViewRestriction,
            Site,
            Locale,
            get_document_model(),
            get_image_model(),
        )
        for model in watched:
            signal.connect(
                invalidate_on_change,
                sender=model,
                dispatch_uid=f"pagecache.{model.__name__}.{id(signal)}",
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_on_change, dispatch_uid=f"pagecache.{id(signal)}")
