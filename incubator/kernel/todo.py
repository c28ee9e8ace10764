"""Task lists: what needs the user now, what is coming, and what they are waiting for, on the
portal overview and on the back-office home. The kernel knows no domain: each domain registers
a source from its AppConfig (``register_todo_source``) that turns the user's records into
``TodoItem``\\ s, reading them through its own selectors. Every source costs a fixed number
of queries whatever the data, and shows at most ``SHOWN`` items of a kind, with a link to the
full list for the rest (``TodoMore``)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import IntegerField, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Items of one kind a source shows before it links to the list with the rest.
SHOWN = 10

PORTAL = "portal"
BACK_OFFICE = "admin"


class Kind:
    """The three sections of a task list."""

    NOW = "now"
    COMING = "coming"
    WAITING = "waiting"
    ORDER = (NOW, COMING, WAITING)


HEADINGS = {
    Kind.NOW: _("What needs you now"),
    Kind.COMING: _("What is coming"),
    Kind.WAITING: _("What you are waiting for"),
}


EMPTY = {
    Kind.NOW: _("Nothing waits for you now."),
    Kind.COMING: _("Nothing is coming up. New deadlines appear here as soon as they are set."),
    Kind.WAITING: _("Nothing you handed in is waiting for someone else."),
}


@dataclass(frozen=True)
class TodoItem:
    """One thing to do or to wait for: its title, the one page where the user acts (or
    follows it), its deadline (a date in China Standard Time) and status."""

    title: str
    url: str
    kind: str
    status_label: str
    due_on: date | None = None
    detail: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class TodoMore:
    """The rest of a capped list: how many more there are, and the list that shows them."""

    kind: str
    count: int
    url: str
    label: str


@dataclass(frozen=True)
class TodoRequest:
    """Whom the list is for and where it shows: ``audience`` is PORTAL (``membership`` is
    then the user's live organisation membership) or BACK_OFFICE."""

    user: object
    audience: str
    membership: object = None
    now: datetime = field(default_factory=timezone.now)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


@dataclass
class TodoSection:
    kind: str
    heading: str
    items: list[TodoItem]
    more: list[TodoMore]
    empty: str = ""


TodoSource = Callable[[TodoRequest], Iterable[TodoItem | TodoMore]]
_sources: list[TodoSource] = []


def register_todo_source(source: TodoSource) -> None:
    """Add a domain's source of task-list items (once, from its AppConfig.ready())."""
    if source not in _sources:
        _sources.append(source)


def _sort_key(item: TodoItem):
    return (item.due_on is None, item.due_on or date.max, str(item.title))


def todo_sections(todo: TodoRequest) -> list[TodoSection]:
    """The user's task list: the three sections in order, each sorted by deadline (undated
    last), with the links to the rest of every capped list."""
    items: dict[str, list[TodoItem]] = {kind: [] for kind in Kind.ORDER}
    more: dict[str, list[TodoMore]] = {kind: [] for kind in Kind.ORDER}
    for source in _sources:
        for entry in source(todo):
            (more if isinstance(entry, TodoMore) else items)[entry.kind].append(entry)
    return [
        TodoSection(
            kind=kind,
            heading=str(HEADINGS[kind]),
            items=sorted(items[kind], key=_sort_key),
            more=more[kind],
            empty=str(EMPTY[kind]),
        )
        for kind in Kind.ORDER
    ]


def next_up(sections: list[TodoSection]) -> TodoItem | None:
    """The first coming item with a deadline, to name when nothing needs the user now."""
    for section in sections:
        if section.kind == Kind.COMING:
            return next((item for item in section.items if item.due_on), None)
    return None


def todo_context(todo: TodoRequest, *, empty_now) -> dict:
    """What ``templates/includes/todo_list.html`` and the back-office panel show."""
    sections = todo_sections(todo)
    # ``empty_now`` may be lazy: it is read only when nothing needs the user now.
    return {"sections": sections, "next_up": next_up(sections), "empty_now": empty_now}


class CountOf(Subquery):
    """How many rows a subquery returns. Uncorrelated, the database counts them once
    (with an index where it can), apart from sorting and joining the rows shown."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def first_with_total(queryset: QuerySet, limit: int = SHOWN) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and how many rows it has in all, in one query
    (the total a count of the same rows, computed once; a window over the rows would join and
    sort every one of them to show five)."""
    total = CountOf(queryset.order_by().values("pk"))
    rows = list(queryset.annotate(todo_total=total)[:limit])
    return rows, (rows[0].todo_total if rows else 0)


def capped(
    rows: list, total: int, *, kind: str, url: str, label, build: Callable
) -> list[TodoItem | TodoMore]:
    """``build(row)`` for each row, and a ``TodoMore`` for the ``total - len(rows)`` not
    shown, linking to ``url``."""
    entries: list[TodoItem | TodoMore] = [build(row) for row in rows]
    if total > len(rows):
        entries.append(TodoMore(kind=kind, count=total - len(rows), url=url, label=str(label)))
    return entries


def local_date(moment: datetime | None) -> date | None:
    """The date of ``moment`` in China Standard Time (the project's time zone)."""
    return timezone.localtime(moment).date() if moment is not None else None
