"""Staff roles as stable codes. Each role is a Django group named by its code (never a
translated name), holding the model permissions of the role. ``sync_roles`` creates and
corrects the groups; it runs after every migrate and from ``manage.py sync_roles``. The kernel
names its own permissions; each app contributes its models' permissions to the roles in its
AppConfig's ``ready()`` (``contribute_role_permissions``), before any sync can run.

Organisation membership is not a group: it is the ``OrganisationMembership`` model, and its
rights are object permissions on the one organisation."""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SITE_ADMIN = "site_admin", _("Site administrator")
    BUREAU_OFFICER = "bureau_officer", _("Bureau officer")
    HUB_MANAGER = "hub_manager", _("Hub manager")
    EVALUATOR = "evaluator", _("Evaluator")
    # An outside evaluation organisation's evaluator, granted single contracts for a period.
    CONTRACT_EVALUATOR = "contract_evaluator", _("Third-party contract evaluator")
    # Enrols the care-voucher holders of the communities assigned to them, nobody else's.
    COMMUNITY_WORKER = "community_worker", _("Community worker")


ACCESS_ADMIN = "wagtailadmin.access_admin"

# Model-wide permissions per role: the kernel's own here, the apps' contributed when they are
# ready. Hub managers and evaluators hold no model-wide rights on our models: what they may
# touch comes from object permissions on their own hubs and tenders (and, for contract
# evaluators, from their dated grants of single contracts).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.SITE_ADMIN: [
        ACCESS_ADMIN,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.view_group",
        "wagtailcore.view_site",
        "wagtailcore.view_locale",
        "incubator.view_outgoingemail",
        "incubator.resend_outgoingemail",
    ],
    Role.BUREAU_OFFICER: [
        ACCESS_ADMIN,
        "incubator.view_letter",
        "incubator.reissue_letter",
        "incubator.view_outgoingemail",
        "incubator.resend_outgoingemail",
    ],
    Role.HUB_MANAGER: [ACCESS_ADMIN],
    Role.EVALUATOR: [ACCESS_ADMIN],
    Role.CONTRACT_EVALUATOR: [ACCESS_ADMIN],
    Role.COMMUNITY_WORKER: [ACCESS_ADMIN],
}


def contribute_role_permissions(contributions: dict[str, list[str]]) -> None:
    """Add an app's model-wide permissions to roles (``{role: ["app.codename", ...]}``); called
    from the app's ``AppConfig.ready()``. Adding one twice is harmless."""
    for role, dotted_names in contributions.items():
        held = ROLE_PERMISSIONS[role]
        held.extend(name for name in dotted_names if name not in held)


# Editorial rights of bureau officers: they edit and publish public pages (guidance now,
# tenders later) and manage the documents and images those pages use.
BUREAU_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
BUREAU_COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def sync_roles() -> None:
    """Create each role's group and give it exactly the role's permissions (idempotent)."""
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = {_permission(name) for name in dotted_names}
        if set(group.permissions.all()) != wanted:
            group.permissions.set(wanted)
    _sync_bureau_editorial_rights(Group.objects.get(name=Role.BUREAU_OFFICER))


def _sync_bureau_editorial_rights(group: Group) -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in BUREAU_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in BUREAU_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )


def role_group(role: str) -> Group:
    """The group of a role, created on demand."""
    return Group.objects.get_or_create(name=role)[0]


def user_has_role(user, role: str) -> bool:
    """Whether the user holds the role (superusers hold every staff role). The user's roles
    are read once per user object, as Django's backend caches permissions: a page that asks
    about several roles (menus, panels) costs one query."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_role_names", None)
    if names is None:
        names = user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return role in names
