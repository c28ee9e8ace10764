from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app with models, and that same signal creates each app's
    # permissions; once it is sent for the last of them, every permission exists. The role
    # groups are configuration, so they are kept in step here rather than by hand.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    from incubator.kernel.roles import sync_roles

    sync_roles()


def _name_users_in_their_own_order():
    # Django's and Wagtail's screens (user lists, histories, locks, filters) all name a user
    # through User.get_full_name, which joins "first last": 丽华 陈. The project keeps Django's
    # user model, so its one way of naming people is installed there.
    from django.contrib.auth import get_user_model

    from incubator.kernel.people import user_full_name

    get_user_model().get_full_name = user_full_name


class IncubatorConfig(AppConfig):
    """The incubation domain (hubs, organisations, spaces, milestones) and the shared kernel."""

    name = "incubator"
    verbose_name = _("Incubator")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="incubator.sync_roles")
        # Connects the failed-login receiver of the security log.
        from cms.pagecache import connect_signals
        from incubator.kernel import security  # noqa: F401

        connect_signals()
        _name_users_in_their_own_order()
        _contribute_incubation()


def _contribute_incubation():
    """The incubation domain's share of the kernel's registries: its roles' permissions, its
    letters, who sees which letters (by their recipient organisation), and its task-list items."""
    from incubator.incubation.letters import INCUBATION_LETTER_DETAILS, IncubationLetterKind
    from incubator.incubation.roles import INCUBATION_ROLE_PERMISSIONS
    from incubator.incubation.selectors import letters_visible_to
    from incubator.incubation.todo import incubation_todo
    from incubator.kernel.letters import letter_kinds, register_letter_scope
    from incubator.kernel.roles import contribute_role_permissions
    from incubator.kernel.todo import register_todo_source

    contribute_role_permissions(INCUBATION_ROLE_PERMISSIONS)
    letter_kinds.register_choices(IncubationLetterKind, details=INCUBATION_LETTER_DETAILS)
    register_letter_scope(letters_visible_to)
    register_todo_source(incubation_todo)
