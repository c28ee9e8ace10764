"""What the kernel's letter machinery knows of letters it does not own: the kinds of letter and
who may see which letters. Each app contributes its kinds (label, template) in its AppConfig's
``ready()``; the app that owns the recipients registers the selector of visible letters. The
kernel hard-codes neither."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


@dataclass(frozen=True)
class LetterKind:
    """One kind of official letter: its own reference prefix (in the site settings), its own
    numbering, and the template it is printed from."""

    value: str
    label: str
    template: str

    def __str__(self) -> str:
        return self.value


class LetterKinds:
    """The registered kinds, read like a TextChoices: ``.values``, ``.choices``, and
    ``letter_kinds(value)`` for a kind (its ``.label``)."""

    def __init__(self):
        self._kinds: dict[str, LetterKind] = {}
        # Labels of the keys the apps' letters record in their details (see kernel.display).
        self.detail_labels: dict[str, str] = {}

    def register(self, value: str, label, *, template: str | None = None) -> LetterKind:
        """Add a kind (again is fine with the same label and template); the template defaults to
        ``letters/<value>.html``."""
        kind = LetterKind(value, label, template or f"letters/{value}.html")
        known = self._kinds.get(value)
        if known is not None and known != kind:
            raise ImproperlyConfigured(f"Letter kind {value!r} is registered twice, differently.")
        self._kinds[value] = kind
        return kind

    def register_choices(
        self, choices, *, templates: dict | None = None, details: dict | None = None
    ) -> None:
        """Register every member of a TextChoices (``templates`` by value, where not default),
        and the labels of the keys those letters record in their details."""
        for value, label in choices.choices:
            self.register(value, label, template=(templates or {}).get(value))
        self.detail_labels.update(details or {})

    def __call__(self, value) -> LetterKind:
        try:
            return self._kinds[str(value)]
        except KeyError:
            raise ValueError(f"{value!r} is not a registered letter kind") from None

    def __contains__(self, value) -> bool:
        return str(value) in self._kinds

    @property
    def values(self) -> list[str]:
        return list(self._kinds)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(kind.value, kind.label) for kind in self._kinds.values()]


letter_kinds = LetterKinds()


def letter_kind_choices() -> list[tuple[str, str]]:
    """The model fields' choices (a callable: kinds are registered when the apps are ready)."""
    return letter_kinds.choices


_visible: Callable[[object], QuerySet] | None = None


def register_letter_scope(selector: Callable[[object], QuerySet]) -> None:
    """Called once at start-up by the app that owns the recipients: ``user -> letters``."""
    global _visible
    _visible = selector


def letters_visible_to(user) -> QuerySet:
    """The letters ``user`` may see, as the registered selector says."""
    if _visible is None:
        raise ImproperlyConfigured("No letter scope is registered (is 'incubator' ready?).")
    return _visible(user)
