"""Demo data of the public site: the bureau's settings, the home page and guidance in Chinese
and English, and a downloadable checklist. Existing pages are left as editors left them."""

import json

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from cms.models import (
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    LetterReferencePrefix,
    SiteSettings,
    StandardPage,
)
from incubator.incubation.letters import IncubationLetterKind
from subsidies.letters import SubsidyLetterKind, VoucherLetterKind
from tenders.letters import TenderLetterKind
from tools.demo import cms_content as demo_content
from tools.demo.seeding import SeedLog, demo_step

LANGUAGES = ("zh-hans", "en")
CHECKLIST_TITLE = "社会组织登记申请材料清单 / Registration materials checklist"
LETTER_PREFIXES = {
    IncubationLetterKind.ADMISSION: "太民社孵",
    SubsidyLetterKind.SUBSIDY_AWARD: "太民社补",
    TenderLetterKind.TENDER_AWARD: "太民购中",
    TenderLetterKind.TENDER_REGRET: "太民购告",
    TenderLetterKind.CONTRACT_AMENDMENT: "太民购补",
    TenderLetterKind.CONTRACT_ACCEPTANCE: "太民购验",
    IncubationLetterKind.GRADUATION: "太民社结",
    VoucherLetterKind.VOUCHER_SETTLEMENT: "太民养结",
}


def _locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def _home_root(log: SeedLog, locale: Locale) -> HomePage:
    """The Chinese home page as the default site's root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    tree_root = Page.get_first_root_node()
    welcome = tree_root.get_children().filter(slug="home").first()
    if welcome is not None and welcome.specific_class is Page and welcome.is_leaf():
        welcome.delete()
    content = demo_content.HOME["zh-hans"]
    home = HomePage(title=content["title"], slug="home", locale=locale, intro=content["intro"])
    home.body = json.dumps(content["body"])
    tree_root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "太仓市民政局社会组织孵化基地"
        site.save()
    log.add("home page")
    return home


def _translate(log: SeedLog, source: Page, parent: Page, locale: Locale, page: Page) -> Page:
    """Create ``page`` as the translation of ``source`` under ``parent`` unless it exists."""
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    page.locale = locale
    page.translation_key = source.translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    log.add(f"{locale.language_code} page {page.slug}")
    return page


def _child(log: SeedLog, parent: Page, locale: Locale, page: Page) -> Page:
    """Create ``page`` under ``parent`` unless a child with its slug exists there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.locale = locale
    parent.add_child(instance=page)
    page.save_revision().publish()
    log.add(f"{locale.language_code} page {page.slug}")
    return page


def _body(blocks: list[dict], document_id: int | None) -> str:
    """StreamField JSON from the content module, with the checklist's real document id."""
    resolved = []
    for block in blocks:
        if block["type"] == "document_link":
            if document_id is None:
                continue
            block = {**block, "value": {**block["value"], "document": document_id}}
        resolved.append(block)
    return json.dumps(resolved)


def _checklist_document(log: SeedLog) -> int | None:
    """A real PDF checklist, rendered once with WeasyPrint from a shipped template."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=CHECKLIST_TITLE).first()
    if existing is not None:
        return existing.pk
    from weasyprint import HTML  # imported late: only the seed renders this document

    html = render_to_string("cms/demo/registration_checklist.html", {"today": timezone.localdate()})
    pdf = HTML(string=html).write_pdf()
    document = document_model(title=CHECKLIST_TITLE)
    document.file.save("registration-checklist.pdf", ContentFile(pdf), save=False)
    document.file_size = len(pdf)
    document.save()
    log.add("document registration-checklist.pdf")
    return document.pk


@demo_step(order=30)
def seed_site_settings(log: SeedLog) -> None:
    """Taicang Civil Affairs Bureau as the site's owner, with its letter reference prefixes."""
    site = Site.objects.get(is_default_site=True)
    settings, created = SiteSettings.objects.get_or_create(
        site=site,
        defaults={
            "bureau_name_zh": "太仓市民政局",
            "bureau_name_en": "Taicang Civil Affairs Bureau",
            "address": "江苏省太仓市上海东路99号",
            "address_en": "99 Shanghai East Road, Taicang, Jiangsu",
            "phone": "0512-53531201",
            "email": "mzj@demo.taicang.example",
            "signatory_name": "沈国平",
            "signatory_title": "局长",
            "signatory_title_en": "Director",
        },
    )
    if created:
        log.add("site settings")
    for kind, prefix in LETTER_PREFIXES.items():
        _, made = LetterReferencePrefix.objects.get_or_create(
            settings=settings, kind=kind, defaults={"prefix": prefix}
        )
        if made:
            log.add(f"letter prefix {kind}")


@demo_step(order=25)
def seed_pages(log: SeedLog) -> None:
    """Home, guidance and standard pages in both languages."""
    locales = _locales()
    zh, en = locales["zh-hans"], locales["en"]
    home = _home_root(log, zh)
    tree_root = Page.get_first_root_node()
    en_home_content = demo_content.HOME["en"]
    en_home = HomePage(
        title=en_home_content["title"],
        slug="home-en",
        intro=en_home_content["intro"],
        body=json.dumps(en_home_content["body"]),
    )
    en_home = _translate(log, home, tree_root, en, en_home)
    homes = {"zh-hans": home, "en": en_home}

    document_id = _checklist_document(log)
    index_data = demo_content.GUIDANCE_INDEX
    indexes = {}
    for code in LANGUAGES:
        content = index_data[code]
        page = GuidanceIndexPage(
            title=content["title"],
            slug=index_data["slug"],
            intro=f"<p>{content['intro']}</p>",
            show_in_menus=True,
        )
        if code == "zh-hans":
            indexes[code] = _child(log, homes[code], locales[code], page)
        else:
            indexes[code] = _translate(log, indexes["zh-hans"], homes[code], locales[code], page)

    today = timezone.localdate()
    for data in demo_content.GUIDANCE_PAGES:
        source = None
        for code in LANGUAGES:
            content = data[code]
            page = GuidancePage(
                title=content["title"],
                slug=data["slug"],
                summary=content["summary"],
                body=_body(content["body"], document_id),
                last_reviewed=today,
            )
            if source is None:
                source = _child(log, indexes[code], locales[code], page)
            else:
                _translate(log, source, indexes[code], locales[code], page)

    for data in demo_content.STANDARD_PAGES:
        source = None
        for code in LANGUAGES:
            content = data[code]
            page = StandardPage(
                title=content["title"],
                slug=data["slug"],
                intro=content["intro"],
                body=_body(content["body"], document_id),
                show_in_menus=True,
            )
            if source is None:
                source = _child(log, homes[code], locales[code], page)
            else:
                _translate(log, source, homes[code], locales[code], page)
