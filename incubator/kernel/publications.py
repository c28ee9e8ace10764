"""Open-data publications that cannot be used to knock the site over: each is built in the
background, page by page, into JSON files, and a request only reads one page's row and file
(with ETag and Last-Modified, so a client that has it gets 304 and nothing else).

A domain registers a ``Publication`` from its ``AppConfig.ready()``: a name, the URL of page
``n`` (``url_of``), a ``fingerprint`` of the data it is built from (a few aggregate queries) and
``build(url_of, page_size)``, which yields each page as a dict, a complete package on its own,
linked to the next and previous page. ``publication_build`` rebuilds only when the fingerprint
changed (``manage.py publish_open_data`` from cron, every ten minutes); a request for a
publication never built yet enqueues its build and answers 503 with Retry-After meanwhile."""

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from incubator.kernel.models import PublishedPage

logger = logging.getLogger(__name__)

CACHE_SECONDS = 900  # how long a client or a proxy may keep a page without asking again
BUILD_PENDING_SECONDS = 600  # a missing publication's build is enqueued at most this often
PUBLICATION_BLOCK_SIZE = 256 * 1024  # bytes read from a page's file at a time


@dataclass(frozen=True)
class Publication:
    """An open-data publication: see the module's documentation."""

    name: str
    url_of: Callable[[int], str]
    fingerprint: Callable[[], str]
    build: Callable[[Callable[[int], str], int], Iterator[dict]]


PUBLICATIONS: dict[str, Publication] = {}


def register_publication(publication: Publication) -> None:
    """Make ``publication`` buildable and servable (called from ``AppConfig.ready()``)."""
    PUBLICATIONS[publication.name] = publication


def page_links(url_of: Callable[[int], str], number: int, count: int) -> dict:
    """The ``links`` object of page ``number`` of ``count``: next and previous, where they exist."""
    links = {}
    if number < count:
        links["next"] = url_of(number + 1)
    if number > 1:
        links["prev"] = url_of(number - 1)
    return links


def pages_of(queryset, page_size: int) -> list[list[int]]:
    """The primary keys of ``queryset`` in its order, cut into pages of ``page_size``: one
    query for the keys, then each page is read with ``pk__in`` (a fixed number of queries per
    page, and never the whole result in memory)."""
    keys = list(queryset.values_list("pk", flat=True))
    return [keys[start : start + page_size] for start in range(0, len(keys), page_size)] or [[]]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def publication_build(name: str, *, force: bool = False) -> int:
    """Build publication ``name`` if its data changed since the last build (or ``force``):
    write every page to the default storage, then swap the page rows in one transaction and
    delete the files they replace. Return the number of pages written (0 when up to date)."""
    publication = PUBLICATIONS[name]
    fingerprint = publication.fingerprint()
    current = PublishedPage.objects.filter(publication=name, number=1).first()
    if current is not None and current.fingerprint == fingerprint and not force:
        return 0
    built_at = timezone.now()
    folder = f"open-data/{name}/{built_at:%Y%m%d%H%M%S%f}"
    rows, written = [], []
    for number, package in enumerate(
        publication.build(publication.url_of, settings.OPEN_DATA_PAGE_SIZE), start=1
    ):
        data = json.dumps(package, ensure_ascii=False, indent=2).encode()
        path = default_storage.save(f"{folder}/{number}.json", ContentFile(data))
        written.append(path)
        rows.append(
            PublishedPage(
                publication=name,
                number=number,
                path=path,
                etag=f'"{_digest(data)[:32]}"',
                size=len(data),
                built_at=built_at,
                fingerprint=fingerprint,
            )
        )
    try:
        with transaction.atomic():
            replaced = list(PublishedPage.objects.select_for_update().filter(publication=name))
            PublishedPage.objects.filter(pk__in=[row.pk for row in replaced]).delete()
            PublishedPage.objects.bulk_create(rows)
    except IntegrityError:
        # Another build of the same publication swapped its pages in first: keep those.
        logger.info("Publication %s was built concurrently; this build is dropped", name)
        _delete_files(written)
        return 0
    transaction.on_commit(lambda: _delete_files([row.path for row in replaced]))
    logger.info("Publication %s built: %d pages", name, len(rows))
    return len(rows)


def _delete_files(paths: list[str]) -> None:
    for path in paths:
        try:
            default_storage.delete(path)
        except OSError:
            logger.warning("Could not delete the old open-data file %s", path)


def _not_built_yet(name: str) -> HttpResponse:
    body = json.dumps(
        {"error": _("This data is being prepared. Please try again in a minute.")},
        ensure_ascii=False,
    )
    response = HttpResponse(body, status=503, content_type="application/json; charset=utf-8")
    response["Retry-After"] = "60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def publication_response(request, name: str, number: int = 1) -> HttpResponse:
    """Page ``number`` of publication ``name``: one query and a file read, or 304 when the
    client's copy is current. Before the first build, the build is enqueued (once per
    ``BUILD_PENDING_SECONDS``) and the answer is 503 with Retry-After."""
    if name not in PUBLICATIONS:
        raise Http404
    page = PublishedPage.objects.filter(publication=name, number=number).first()
    if page is None:
        if PublishedPage.objects.filter(publication=name).exists():
            raise Http404
        if cache.add(f"publication-build-pending:{name}", True, BUILD_PENDING_SECONDS):
            from incubator.kernel.tasks import build_publication

            build_publication.enqueue(name)
        page = PublishedPage.objects.filter(publication=name, number=number).first()
        if page is None:
            return _not_built_yet(name)
    last_modified = int(page.built_at.timestamp())  # HTTP dates have whole seconds
    response = get_conditional_response(request, etag=page.etag, last_modified=last_modified)
    if response is None:
        try:
            response = FileResponse(
                default_storage.open(page.path, "rb"),
                content_type="application/json; charset=utf-8",
            )
        except FileNotFoundError:
            logger.error("Open-data file %s is missing: rebuilding", page.path)
            PublishedPage.objects.filter(publication=name).delete()
            cache.delete(f"publication-build-pending:{name}")
            return publication_response(request, name, number)
        response["Content-Length"] = str(page.size)
        # Read in large blocks: Django's 4 KB would cost a Python step per 4 KB of a
        # multi-megabyte page wherever the server cannot hand the file to the kernel
        # (sendfile), as with a file in a bucket.
        response.block_size = PUBLICATION_BLOCK_SIZE
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
