"""The project's CSV and XLSX (home.exports), against the rule read by real parsers: Python's
csv module for the CSV as a French spreadsheet reads it (BOM, semicolons), openpyxl for XLSX.

The rule: every value comes back as written, except text starting with =, +, -, @, a tab or a
carriage return, which comes back with a leading apostrophe (shown as text, never evaluated);
numbers with a decimal comma; dates as ISO dates; nothing else changes, whatever the text
holds (semicolons, quotes, line breaks, any script)."""

import csv
import datetime
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from home import exports
from tests.properties import examples

TRIGGERS = "=+-@\t\r"

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
value = st.one_of(
    text,
    st.sampled_from(["=HYPERLINK(\"http://x\";\"y\")", "+33 6 12", "-5", "@SUM(A1)", "\tx", "Nguyễn Thị Ánh", "Łucja", "سارة"]),
    st.integers(-10**6, 10**6),
    st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.dates(),
    st.none(),
)


def expected(value):
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "'" + value if value[:1] and value[0] in TRIGGERS else value


def xlsx_expected(text):
    """The text as typed, less the control characters XLSX forbids; XML reads a carriage
    return as a line feed."""
    kept = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
    return kept.replace("\r\n", "\n").replace("\r", "\n")


@examples(200)
@given(headings=st.lists(text, min_size=1, max_size=4), rows=st.lists(st.lists(value, min_size=1, max_size=4), max_size=6))
def test_property_the_csv_reads_back_as_the_rule_says(headings, rows):
    content = exports.csv_text(headings, rows)
    assert content.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert parsed == [[expected(h) for h in headings]] + [[expected(v) for v in row] for row in rows]
    typed = [h for h in headings] + [v for row in rows for v in row]
    cells = [cell for row in parsed for cell in row]
    # No text cell starts a formula (a negative number, "-5" as a number, is not text).
    assert not any(isinstance(v, str) and cell[:1] and cell[0] in TRIGGERS for v, cell in zip(typed, cells))


@examples(80)
@given(row=st.lists(value, min_size=1, max_size=6))
def test_property_xlsx_keeps_real_values_and_text_stays_text(row):
    workbook = Workbook()
    exports.xlsx_append(workbook.active, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows(values_only=True))
    read = list(read[0]) + [None] * len(row) if read else [None] * len(row)  # empty trailing cells are not stored
    for written, cell in zip(row, read):
        if isinstance(written, datetime.date):
            assert cell.date() == written  # a real date
        elif isinstance(written, (int, Decimal)):
            assert Decimal(str(cell)) == Decimal(written)  # a real number
        elif written == "" or written is None:
            assert cell in ("", None)
        else:  # text as typed, never a formula; a line break may come back as CR or LF
            # (XML normalises a literal CR to LF, openpyxl keeps some CRs escaped)
            assert (cell or "").replace("\r\n", "\n").replace("\r", "\n") == xlsx_expected(written)
