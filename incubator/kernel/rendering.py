"""PDF rendering with WeasyPrint that fetches nothing we did not ship: our own static files and
data: URIs only. No file://, no http(s)://, no attachments."""

import mimetypes
from urllib.parse import unquote, urlparse

from django.contrib.staticfiles import finders

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_SCHEME = "static"
BASE_URL = f"{STATIC_SCHEME}:///"


class RefusedURL(ValueError):
    """A URL the renderer may not fetch."""


class SafeURLFetcher(URLFetcher):
    """Serves ``data:`` URIs, and files the static files finders know under ``static:///``;
    refuses everything else. WeasyPrint logs a refusal and leaves the resource out."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != STATIC_SCHEME:
            raise RefusedURL(f"Refused to fetch {url!r}: letters use only shipped assets.")
        relative = unquote(parsed.path).lstrip("/")
        if not relative or ".." in relative.split("/"):
            raise RefusedURL(f"Refused to fetch {url!r}.")
        path = finders.find(relative)
        if not path:
            raise RefusedURL(f"No shipped asset {relative!r}.")
        with open(path, "rb") as handle:
            content = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, {"Content-Type": content_type})


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes with the safe fetcher; relative URLs resolve to ``static:///``."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=SafeURLFetcher()).write_pdf()
