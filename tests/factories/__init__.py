"""Factories for test data. Pages are built through Wagtail's tree API, like editors do."""

from .hubs import HubFactory
from .pages import PublicSite, build_public_site, guidance_page
from .users import UserFactory

__all__ = ["HubFactory", "PublicSite", "UserFactory", "build_public_site", "guidance_page"]
