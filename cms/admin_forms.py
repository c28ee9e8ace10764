"""The page editor's base form: a page posted without a StreamField's management field
(``body-count``, which Wagtail 8.0.1 reads unchecked and fails on with
``MultiValueDictKeyError``) gets a form error that keeps everything else the editor typed."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import BlockWidget

INCOMPLETE_STREAM = _(
    "This part of the form arrived incomplete, so nothing was saved. Reload the page and try "
    "again; copy anything you typed here first."
)


class SafeStreamFieldPageForm(WagtailAdminPageForm):
    """A page form whose StreamFields answer a missing management field with a form error."""

    def __init__(self, data=None, *args, **kwargs):
        self._incomplete_streams: list[str] = []
        super().__init__(data, *args, **kwargs)
        if data is None:
            return
        missing = [
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, BlockWidget)
            and f"{self.add_prefix(name)}-count" not in self.data
        ]
        if missing:
            self.data = self.data.copy()
            for name in missing:
                self.data[f"{self.add_prefix(name)}-count"] = "0"
            self._incomplete_streams = missing

    def clean(self):
        cleaned = super().clean()
        for name in self._incomplete_streams:
            self.add_error(name, ValidationError(INCOMPLETE_STREAM, code="incomplete"))
        return cleaned
