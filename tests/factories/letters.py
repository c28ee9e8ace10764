import hashlib

from django.core.files.base import ContentFile

from cms.models import LetterReferencePrefix, SiteSettings
from incubator.kernel.services.letters import letter_issue
from incubator.models import Letter

from .pages import default_site

PREFIXES = {
    "admission": "太民社孵",
    "subsidy_award": "太民社补",
    "tender_award": "太民购中",
    "tender_regret": "太民购告",
    "contract_amendment": "太民购补",
    "contract_acceptance": "太民购验",
    "graduation": "太民社结",
    "voucher_settlement": "太民养结",
}


def letterhead_settings() -> SiteSettings:
    """The bureau's site settings with a reference prefix for every kind of letter."""
    settings, _ = SiteSettings.objects.get_or_create(
        site=default_site(),
        defaults={
            "bureau_name_zh": "太仓市民政局",
            "bureau_name_en": "Taicang Civil Affairs Bureau",
            "signatory_name": "沈国平",
            "signatory_title": "局长",
            "signatory_title_en": "Director",
        },
    )
    for kind, prefix in PREFIXES.items():
        LetterReferencePrefix.objects.get_or_create(
            settings=settings, kind=kind, defaults={"prefix": prefix}
        )
    return settings


def issue_letter(organisation, *, kind="admission", by=None, **fields) -> Letter:
    """Issue a letter through the service (rendering follows on commit, if the test runs it)."""
    letterhead_settings()
    defaults = {
        "title": "关于同意入驻孵化基地的通知",
        "details": {
            "hub_name": organisation.hub.name,
            "start_date": "2026年12月1日",
            "planned_end_date": "2027年11月30日",
        },
    }
    return letter_issue(
        kind=kind, recipient=organisation, subject=organisation, by=by, **{**defaults, **fields}
    )


def mark_rendered(letter: Letter, content: bytes = b"%PDF-1.7\n%%EOF\n") -> Letter:
    """Give a letter a stored PDF without rendering it (for tests about access, not layout)."""
    name = letter.file.storage.save(f"letters/test/{letter.pk}.pdf", ContentFile(content))
    Letter.objects.filter(pk=letter.pk).update(
        file=name, sha256=hashlib.sha256(content).hexdigest(), render_status="ready"
    )
    letter.refresh_from_db()
    return letter
