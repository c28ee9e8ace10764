"""Wagtail pages of the public site and the bureau's site settings."""

from .directory import ServicesDirectoryPage
from .pages import GuidanceIndexPage, GuidancePage, HomePage, StandardPage
from .review import PageReviewFlag
from .settings import LetterReferencePrefix, SiteSettings

__all__ = [
    "GuidanceIndexPage",
    "GuidancePage",
    "HomePage",
    "LetterReferencePrefix",
    "PageReviewFlag",
    "ServicesDirectoryPage",
    "SiteSettings",
    "StandardPage",
]
