"""Every CSV and XLSX file the project writes, the same way.

CSV: UTF-8 with a byte order mark and semicolons, which is what a spreadsheet opens right in
French (Excel reads a comma-separated file without a BOM as one column of mojibake); amounts
with a decimal comma; dates as ISO dates (every spreadsheet reads them as dates).
XLSX: dates, numbers and amounts as real values; the control characters the format forbids
are dropped from text (openpyxl would refuse the whole file: a 500).
Both: labels, not internal codes (the caller's business: pass `get_FOO_display()`); text is
never run as a formula: in CSV any cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading apostrophe (CSV injection, OWASP), so that a name or a
presentation typed as `=HYPERLINK(…)` is shown as text; in XLSX text cells are typed as text.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text):
    """Text a spreadsheet will show as text, never evaluate."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value):
    """One value as a French spreadsheet reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float, Decimal)):
        return str(value).replace(".", ",")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return neutralise(force_str(value))


class _Echo:
    def write(self, value):
        return value


def csv_lines(headings, rows):
    """The file's lines, the first with its BOM: for a streamed response."""
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield BOM + writer.writerow([csv_cell(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_text(headings, rows):
    return "".join(csv_lines(headings, rows))


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(filename, headings, rows, streaming=False):
    lines = csv_lines(headings, rows)
    if streaming:
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_text(value):
    """Text an XLSX cell can hold: the control characters the format forbids (a tab and line
    breaks are kept) are dropped, where openpyxl would refuse the whole file."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def xlsx_append(sheet, values):
    """A row of real values (dates, numbers); text, lazy translations included, stays text:
    openpyxl would store a string starting with "=" as a formula."""
    sheet.append([xlsx_text(value) if isinstance(value, (str, Promise)) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def xlsx_response(filename, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)


class SpreadsheetExportMixin:
    """For Wagtail's listing views with `list_export`: their CSV in the project's format
    (BOM, semicolons, decimal commas, neutralised text); their XLSX is Wagtail's, which types
    text as text."""

    def write_csv_response(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in self.to_row_dict(item).items()]
            for item in queryset
        )
        return csv_response(f"{self.get_filename()}.csv", headings, rows, streaming=True)

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            function = self.get_preprocess_function(field, value, export_format)
            # Wagtail's default turns everything into text; keep numbers and dates for csv_cell.
            if getattr(function, "func", None) is force_str:
                return value
            return function(value) if function is not None else value
        value = super().preprocess_field_value(field, value, export_format)  # Wagtail types text as text
        return xlsx_text(value) if isinstance(value, str) else value
