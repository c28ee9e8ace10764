"""The language switcher: for each language, where the visitor lands after switching. The
translations it links to come from the shared page cache (``cms.pagecache``)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from cms.pagecache import cached

register = template.Library()


def _target_url(request, page: Page | None, language_code: str, translations: dict) -> str:
    """The same page in the other language when it exists and is live; the home page of that
    language otherwise; for views outside the page tree, the same path with the other prefix."""
    if page is None:
        return translate_url(request.get_full_path(), language_code)
    translation = translations.get(language_code)
    if translation is not None:
        return translation.get_url(request=request)
    site = Site.find_for_request(request)
    home = (
        cached(
            f"home:{site.pk}:{language_code}",
            lambda: (
                site.root_page.get_translations(inclusive=True)
                .filter(locale__language_code=language_code)
                .first()
            ),
        )
        if site is not None
        else None
    )
    return home.get_url(request=request) if home is not None else "/"


def _translations(page: Page) -> dict[str, Page]:
    """Every language's live version of the page, by language code, in one query."""
    return {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One small form per language that posts to ``set_language``, which remembers the choice
    in a cookie; works without JavaScript."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    translations = {}
    if page is not None:
        translations = cached(f"translations:{page.translation_key}", lambda: _translations(page))
    current = get_language()
    languages = [
        {
            "code": code,
            "name": Locale(language_code=code).get_display_name() or code,
            "next": _target_url(request, page, code, translations),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"languages": languages, "request": request, "csrf_token": context.get("csrf_token")}
