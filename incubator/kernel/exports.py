"""Spreadsheet exports of the admin listings, made safe: CSV cells that a spreadsheet would run
as a formula become plain text, times are local, headings are the translated field names and
the CSV opens in Excel with its Chinese intact.

Wagtail's own export already writes a cell openpyxl reads as a formula ("=...") to XLSX as
text; its CSV writes every value as it is, so the CSV is neutralised here."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, made plain text with a leading
    apostrophe; numbers and everything else as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


class SafeExportMixin:
    """For an index view with Wagtail's spreadsheet export (``list_export``): neutralised CSV
    cells, local times, a UTF-8 byte-order mark, ``get_<field>_display`` columns headed by
    the field's name, and the day's date in the file name."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: (
                timezone.make_naive(_local(value)) if timezone.is_aware(value) else value
            ),
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: _local(value).strftime(
                "%Y-%m-%d %H:%M"
            ),
        },
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def get_heading(self, queryset, field):
        if field not in self.export_headings and field.startswith("get_"):
            name = field.removeprefix("get_").removesuffix("_display")
            try:
                return capfirst(str(queryset.model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                pass  # not a field: Wagtail's heading
        return super().get_heading(queryset, field)

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def get_filename(self):
        return f"{super().get_filename()}-{timezone.localdate():%Y%m%d}"
