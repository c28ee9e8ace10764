"""The back office's menu, grouped by what people do: Incubation, Office space, Subsidies,
Tenders and Letters, beside Wagtail's own Settings.

Each group is a submenu that collects what the apps contribute through its hook: a viewset sets
``menu_hook = MENU_HOOKS["tenders"]`` (and is registered as usual), a plain menu item is returned
by a function registered with ``@hooks.register(MENU_HOOKS["tenders"])``. Settings use Wagtail's
own ``register_settings_menu_item``. A group with nothing the user may open is not shown."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.viewsets.base import ViewSetGroup

MENU_HOOKS = {
    "incubation": "register_incubation_menu_item",
    "office_space": "register_office_space_menu_item",
    "subsidies": "register_subsidies_menu_item",
    "tenders": "register_tenders_menu_item",
    "letters": "register_letters_menu_item",
    "settings": "register_settings_menu_item",
}


def _group(key: str, label, icon: str, order: int) -> type[ViewSetGroup]:
    return type(
        f"{key.title().replace('_', '')}MenuGroup",
        (ViewSetGroup,),
        {
            "menu_label": label,
            "menu_name": key.replace("_", "-"),
            "menu_icon": icon,
            "menu_order": order,
            "submenu_hook": MENU_HOOKS[key],
            "items": (),
            "__doc__": f"The back office's {key.replace('_', ' ')} submenu.",
        },
    )


MENU_GROUPS = [
    _group("incubation", pgettext_lazy("menu", "Incubation"), "group", 200),
    _group("office_space", _("Office space"), "home", 210),
    _group("subsidies", pgettext_lazy("menu", "Subsidies"), "form", 220),
    _group("tenders", _("Tenders"), "clipboard-list", 230),
    _group("letters", _("Letters"), "doc-full", 240),
]


def menu_groups() -> list[ViewSetGroup]:
    """The groups, for ``register_admin_viewset`` (see ``incubator.wagtail_hooks``)."""
    return [group() for group in MENU_GROUPS]
