from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Model-wide rights of bureau officers on tenders; evaluators get object permissions only.
BUREAU_TENDER_PERMISSIONS = [
    "tenders.view_tenderbid",
    "tenders.change_tenderbid",
    "tenders.view_tenderclarification",
    "tenders.change_tenderclarification",
    "tenders.view_calendarday",
    "tenders.add_calendarday",
    "tenders.change_calendarday",
    "tenders.delete_calendarday",
    "tenders.view_calendaryear",
    "tenders.add_calendaryear",
    "tenders.view_kpitemplate",
    "tenders.add_kpitemplate",
    "tenders.change_kpitemplate",
    "tenders.delete_kpitemplate",
    "tenders.view_servicesite",
    "tenders.add_servicesite",
    "tenders.change_servicesite",
    "tenders.view_surveyquestion",
    "tenders.add_surveyquestion",
    "tenders.change_surveyquestion",
    "tenders.delete_surveyquestion",
]


def _sync_workflow_after_migrate(sender, **kwargs):
    # Runs after incubator's role sync (connected later), once every permission exists.
    if sender.label != "tenders":
        return
    from tenders.workflow import sync_tender_workflow

    sync_tender_workflow()


class TendersConfig(AppConfig):
    """Government service contracts: tender pages, bids, evaluation, awards and contracts."""

    name = "tenders"
    verbose_name = _("Tenders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from incubator.kernel.roles import Role, contribute_role_permissions

        contribute_role_permissions({Role.BUREAU_OFFICER: BUREAU_TENDER_PERMISSIONS})
        post_migrate.connect(_sync_workflow_after_migrate, dispatch_uid="tenders.workflow")
        from incubator.kernel.letters import letter_kinds
        from tenders.letters import TENDER_LETTER_DETAILS, TenderLetterKind

        letter_kinds.register_choices(TenderLetterKind, details=TENDER_LETTER_DETAILS)
        _connect_calendar_cache()
        from incubator.kernel.publications import register_publication
        from tenders.ocds.publication import PUBLICATION

        register_publication(PUBLICATION)
        from incubator.kernel.todo import register_todo_source
        from tenders.todo import tenders_todo
        from tenders.todo.complaints import complaints_todo
        from tenders.todo.delivery import delivery_todo

        register_todo_source(tenders_todo)
        register_todo_source(delivery_todo)
        register_todo_source(complaints_todo)
        from cms.directory import register_directory_source
        from tenders.directory_source import DIRECTORY_SOURCE

        register_directory_source(DIRECTORY_SOURCE)


def _connect_calendar_cache():
    """The bureau's overrides and confirmations join the kernel's working-day calendar, and a
    changed one starts a new calendar generation, so that every process counts on the new
    calendar (``incubator.kernel.calendar`` caches each year)."""
    from django.db.models.signals import post_delete, post_save

    from incubator.kernel.calendar import calendar_changed, register_calendar_source
    from tenders.models import CalendarDay, CalendarYear
    from tenders.services.calendar import BUREAU_CALENDAR

    register_calendar_source(BUREAU_CALENDAR)

    for signal in (post_save, post_delete):
        for model in (CalendarDay, CalendarYear):
            signal.connect(
                calendar_changed,
                sender=model,
                dispatch_uid=f"tenders.calendar.{model.__name__}.{id(signal)}",
            )
