"""Whether what a public page points to (a document, another page) can still be shown to the
visitor reading it. A target that was deleted, unpublished or restricted beyond this visitor
is rendered as "no longer available" instead of a link, never as an error.

Which collections carry a view restriction comes from the shared page cache, so a page full of
document links asks the database nothing more when no restriction exists (the usual case)."""

from django.utils.translation import gettext

from cms.pagecache import cached

ACCESS_TIMEOUT = 60  # as for page restrictions: another process learns of a new one quickly


def _restricted_collections() -> dict[int, list[int]]:
    """For each collection under a view restriction, the ids of the restrictions covering it
    (its own and its ancestors')."""
    from wagtail.models import Collection, CollectionViewRestriction

    restrictions = list(CollectionViewRestriction.objects.values_list("pk", "collection__path"))
    if not restrictions:
        return {}
    covered: dict[int, list[int]] = {}
    for pk, path in Collection.objects.values_list("pk", "path"):
        ids = [rid for rid, rpath in restrictions if path.startswith(rpath)]
        if ids:
            covered[pk] = ids
    return covered


def restricted_collections() -> dict[int, list[int]]:
    return cached("restricted-collections", _restricted_collections, timeout=ACCESS_TIMEOUT)


def document_available(document, request=None) -> bool:
    """Whether ``document`` exists and this request may download it. Without a request (a
    feed, a rendering for the cache) a restricted document counts as unavailable."""
    if document is None:
        return False
    restriction_ids = restricted_collections().get(document.collection_id)
    if not restriction_ids:
        return True
    if request is None:
        return False
    from wagtail.models import CollectionViewRestriction

    restrictions = CollectionViewRestriction.objects.filter(pk__in=restriction_ids)
    return all(restriction.accept_request(request) for restriction in restrictions)


def page_available(page, request=None) -> bool:
    """Whether ``page`` exists, is live, and (with a request) passes its view restrictions."""
    if page is None or not page.live:
        return False
    if request is None:
        return True
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def unavailable_label() -> str:
    """What a visitor reads in place of a link whose target is gone, in their language."""
    return gettext("No longer available")
