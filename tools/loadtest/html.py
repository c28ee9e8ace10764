"""Just enough HTML reading for the load-test client: the forms of a page with the values a
browser would submit as they stand (hidden fields such as the CSRF token and formset
management fields included), so that the client posts what the real forms ask for."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One ``<form>``: where it posts and its fields as a browser would send them untouched."""

    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every field, sent or not (checkboxes...)
    options: dict[str, list[str]] = field(default_factory=dict)  # the values of each select


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    @property
    def _form(self) -> Form | None:
        return self.forms[-1] if self.forms else None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(attrs.get("action", ""), attrs.get("method", "get").lower()))
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            form.names.add(name)
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            form.fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            form.names.add(name)
            self._select, self._select_first, self._select_chosen = name, None, False
            form.options[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            form.options[self._select].append(value)
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs and not self._select_chosen:
                form.fields[self._select] = value
                self._select_chosen = True
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        form = self._form
        if tag == "select" and self._select and form is not None:
            if not self._select_chosen and self._select_first is not None:
                form.fields[self._select] = self._select_first
            self._select = None
        elif tag == "textarea" and self._textarea and form is not None:
            form.fields[self._textarea] = "".join(self._text).lstrip("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def forms(html: str) -> list[Form]:
    """Every form of the page, in document order."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with(html: str, field_name: str) -> Form | None:
    """The first form of the page that has a field called ``field_name``."""
    return next((form for form in forms(html) if field_name in form.names), None)
