"""What letters print at the top and bottom: the bureau, its signatory and the reference
prefixes. The site settings live in the CMS, which depends on this kernel and not the other way
round, so the CMS registers a provider here when it starts."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Letterhead:
    bureau_name_zh: str
    bureau_name_en: str = ""
    address: str = ""
    address_en: str = ""
    phone: str = ""
    email: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    signatory_title_en: str = ""
    prefixes: dict[str, str] = field(default_factory=dict)
    credit_code: str = ""  # the bureau's unified social credit code, for open data

    def as_dict(self) -> dict:
        return asdict(self)


_provider: Callable[[], Letterhead] | None = None


def register_letterhead_provider(provider: Callable[[], Letterhead]) -> None:
    """Called once at start-up by the app that owns the site settings."""
    global _provider
    _provider = provider


def current_letterhead() -> Letterhead:
    """The letterhead as configured now."""
    if _provider is None:
        raise ImproperlyConfigured("No letterhead provider is registered (is 'cms' installed?).")
    return _provider()
