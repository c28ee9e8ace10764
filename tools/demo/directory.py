"""Demo data of the public services directory: its page under each home page, in the menu,
listing the demo's service sites (the day-care contract's centre and canteen in 城厢镇
东林村, with the hours and prices of ``tools.demo.site_offer``)."""

from tools.demo import cms_content as demo_content
from tools.demo.seeding import SeedLog, demo_step


@demo_step(order=92)
def seed_services_directory(log: SeedLog) -> None:
    """The services directory in Chinese and English (after the sites and their offer)."""
    from cms.models import ServicesDirectoryPage
    from tools.demo.tenders import _add, _homes

    homes = _homes()
    data = demo_content.SERVICES_DIRECTORY
    source = None
    for code in ("zh-hans", "en"):
        if code not in homes:
            continue
        page = ServicesDirectoryPage(
            title=data[code]["title"],
            slug=data["slug"],
            intro=data[code]["intro"],
            show_in_menus=True,
        )
        page = _add(log, homes[code], page, source)
        source = source or page
