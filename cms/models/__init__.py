"""Wagtail pages of the public site and the bureau's site settings."""

from .pages import GuidanceIndexPage, GuidancePage, HomePage, StandardPage
from .settings import LetterReferencePrefix, SiteSettings

__all__ = [
    "GuidanceIndexPage",
    "GuidancePage",
    "HomePage",
    "LetterReferencePrefix",
    "SiteSettings",
    "StandardPage",
]
