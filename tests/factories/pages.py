import json
from dataclasses import dataclass

from wagtail.models import Collection, Locale, Page, Site

from cms.models import GuidanceIndexPage, GuidancePage, HomePage, SiteSettings


@dataclass
class PublicSite:
    """The two language trees of a small public site."""

    home_zh: HomePage
    home_en: HomePage
    index_zh: GuidanceIndexPage
    index_en: GuidanceIndexPage
    guidance_zh: list[GuidancePage]
    guidance_en: list[GuidancePage]


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _body(title: str) -> str:
    return json.dumps(
        [
            {"type": "heading", "value": {"text": f"{title} 要点", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{title} 的正文。</p>"},
            {
                "type": "question_answer",
                "value": {"question": f"{title} 需要多久？", "answer": "<p>通常十个工作日。</p>"},
            },
        ]
    )


def guidance_page(index: GuidanceIndexPage, title: str, slug: str, source=None) -> GuidancePage:
    """Publish a guidance page under ``index``; with ``source``, as that page's translation."""
    page = GuidancePage(title=title, slug=slug, summary=f"{title} 的摘要", body=_body(title))
    page.locale = index.locale
    if source is not None:
        page.translation_key = source.translation_key
    return _publish(index, page)


def _tree_root(locale: Locale) -> Page:
    """The page tree's root. Migrations create it, but a transactional test's flush removes
    it, so browser tests build it again."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return root


def default_site() -> Site:
    """The default site, rebuilt (with the page tree root) after a transactional test's flush."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=_tree_root(zh), is_default_site=True
        )
    return site


def build_public_site(*, guidance_count: int = 3) -> PublicSite:
    """Home and guidance pages in Chinese and English, with the default site pointing at the
    Chinese home page and the bureau's settings filled in."""
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = _tree_root(zh)
    home_zh = _publish(root, HomePage(title="欢迎访问社会组织孵化基地", slug="home-zh", locale=zh))
    home_en = HomePage(
        title="Welcome to the incubator", slug="home-en", locale=en, intro="For organisations."
    )
    home_en.translation_key = home_zh.translation_key
    _publish(root, home_en)
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home_zh},
    )
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "bureau_name_zh": "太仓市民政局",
            "bureau_name_en": "Taicang Civil Affairs Bureau",
        },
    )
    index_zh = _publish(
        home_zh, GuidanceIndexPage(title="办事指南", slug="guidance", locale=zh, show_in_menus=True)
    )
    index_en = GuidanceIndexPage(title="Guidance", slug="guidance", locale=en, show_in_menus=True)
    index_en.translation_key = index_zh.translation_key
    _publish(home_en, index_en)
    guidance_zh, guidance_en = [], []
    for n in range(guidance_count):
        zh_page = guidance_page(index_zh, f"指南{n}", f"guide-{n}")
        guidance_zh.append(zh_page)
        guidance_en.append(guidance_page(index_en, f"Guide {n}", f"guide-{n}", source=zh_page))
    return PublicSite(home_zh, home_en, index_zh, index_en, guidance_zh, guidance_en)
