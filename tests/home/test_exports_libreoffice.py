"""The project's exports open right in LibreOffice Calc (Debian's package, run headless).

The real files: home.exports itself, the treasurer's payments and members listings (Wagtail's
listing exports through SpreadsheetExportMixin), the board report and the attendance report,
each as CSV and XLSX, with names in several scripts, amounts and dates, and a name typed as a
formula.

- CSV, read as Excel in French reads it: `--infilter=CSV:59,34,76,1,,1036` (`;`, `"`, UTF-8,
  from line 1, default column types, French locale), then saved by LibreOffice as XLSX and
  read back with openpyxl, so that each cell's type is LibreOffice's own reading. Checked:
  with `CSV:59,34,76` alone LibreOffice reads numbers in its own locale, and on an English
  one "30,00" stays text; with the French locale it is the number 30. The BOM is dropped,
  ISO dates become dates, a leading apostrophe keeps `=…` as text (shown with it).
- XLSX, read back into CSV by LibreOffice (`Text - txt - csv (StarCalc)`, every sheet,
  text cells quoted, raw values): text quoted, numbers and dates not.

Skipped when `soffice` is missing (`bin/ensure-test-tools` installs it), unless
REQUIRE_BROWSER=1 (CI), where it fails like the browser tests.
"""

import datetime
import io
import os
import re
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from fees.factories import paid_membership
from home import exports
from tests.resources.test_attendance_reports import year_2024  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_AS_EXCEL_FR = "CSV:59,34,76,1,,1036"
# Export filter: `;`, `"`, UTF-8, line 1, default formats, French, quote all text cells, detect
# special numbers, raw values (not as shown), no formulas, keep spaces, every sheet (-1).
XLSX_TO_CSV = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,true,true,false,false,false,-1"

FORMULA = '=HYPERLINK("http://exemple.invalid";"clic")'
PEOPLE = [
    # first name, last name, amount, paid on
    ("Thị Ánh", "Nguyễn", Decimal("30.00"), datetime.date(2026, 2, 28)),
    ("Łucja", "Kowalska", Decimal("1234.50"), datetime.date(2026, 3, 1)),
    ("François", "Cœur-Garçon", Decimal("45.50"), datetime.date(2026, 1, 2)),
    ("سارة", "العلي", Decimal("30.00"), datetime.date(2026, 3, 3)),
    ("Ève", FORMULA, Decimal("12.00"), datetime.date(2026, 3, 4)),
]


@pytest.fixture
def soffice():
    if SOFFICE is None:
        message = "LibreOffice (soffice) not found: install Debian's libreoffice-calc-nogui (bin/ensure-test-tools)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return SOFFICE


def convert(soffice, files, target, outdir, infilter=None):
    """One LibreOffice run for all the files, with a profile of its own (parallel runs)."""
    command = [soffice, f"-env:UserInstallation=file:///tmp/lo_profile_{os.getpid()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def quoted_cells(line):
    """A line of LibreOffice's CSV as (value, was quoted) pairs."""
    return [
        (quoted.replace('""', '"'), True) if quoted is not None and token.startswith('"') else (token, False)
        for token, quoted in re.findall(r'("((?:[^"]|"")*)"|[^;]*)(?:;|$)', line)
    ][: line.count(";") + 1]


def lo_csv(path):
    return [quoted_cells(line) for line in path.read_text(encoding="utf-8").splitlines()]


def column(headings, start):
    """The first column whose heading starts so (headings may gain a unit or a word)."""
    return next(index for index, heading in enumerate(headings) if str(heading).startswith(start))


def body(response):
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def payments(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for first, last, amount, paid_on in PEOPLE:
            user = UserFactory(first_name=first, last_name=last, email=f"{len(first)}{len(last)}@example.org",
                               groups=["Members"])
            paid_membership(user, paid_on=paid_on, amount=amount, reference=f"CHQ-{paid_on:%m%d}")


@pytest.fixture
def files(tmp_path, client, treasurer, editor, payments, year_2024):  # noqa: F811 (year_2024 is a fixture)
    """Every export, as the browser downloads it."""
    written = {}

    def keep(name, content):
        (tmp_path / name).write_bytes(content)
        written[name] = tmp_path / name

    keep("helper.csv", exports.csv_text(
        ["Nom", "Montant", "Payé le", "Remarque"],
        [[f"{first} {last}", amount, paid_on, last] for first, last, amount, paid_on in PEOPLE]
        + [["Négatif", Decimal("-5.25"), None, "+33 6 12 34 56 78"]],
    ).encode("utf-8"))
    client.force_login(treasurer)
    year = timezone.localdate().year
    for fmt in ("csv", "xlsx"):
        keep(f"paiements.{fmt}", body(client.get("/admin/cotisations/paiements/", {"export": fmt})))
        keep(f"adherents.{fmt}", body(client.get("/admin/cotisations/adherents/", {"export": fmt})))
        keep(f"rapport.{fmt}", body(client.get("/admin/cotisations/rapports/", {"year": year, "format": fmt})))
    client.force_login(editor)
    for fmt in ("csv", "xlsx"):
        keep(f"frequentation.{fmt}", body(client.get("/admin/evenements/frequentation/", {"year": 2024, "format": fmt})))
    return written


def test_exports_open_right_in_libreoffice(soffice, files, tmp_path):
    csv_files = [path for name, path in files.items() if name.endswith(".csv")]
    xlsx_files = [path for name, path in files.items() if name.endswith(".xlsx")]
    convert(soffice, csv_files, "xlsx", tmp_path / "from_csv", infilter=CSV_AS_EXCEL_FR)
    convert(soffice, xlsx_files, XLSX_TO_CSV, tmp_path / "from_xlsx")

    def sheet(name):
        """A CSV as LibreOffice typed it: rows of openpyxl cells."""
        workbook = openpyxl.load_workbook(tmp_path / "from_csv" / name.replace(".csv", ".xlsx"))
        return [list(row) for row in workbook.active.iter_rows()]

    def values(rows):
        return [[cell.value for cell in row] for row in rows]

    # --- home.exports: every kind of value -------------------------------------------------
    rows = sheet("helper.csv")
    assert values(rows)[0] == ["Nom", "Montant", "Payé le", "Remarque"]  # the BOM is not in A1
    for (first, last, amount, paid_on), row in zip(PEOPLE, rows[1:]):
        name, read_amount, read_date, remark = row
        assert name.value == f"{first} {last}" and name.data_type == "s"
        assert read_amount.data_type == "n" and Decimal(str(read_amount.value)) == amount  # a number
        assert read_amount.value == float(amount)
        assert read_date.is_date and read_date.value.date() == paid_on  # a date
        assert remark.data_type == "s"  # never a formula
    assert rows[5][3].value == "'" + FORMULA  # shown as typed, with the apostrophe that neutralises it
    assert [cell.value for cell in rows[6][:2]] == ["Négatif", -5.25] and rows[6][2].value is None
    assert rows[6][3].value == "'+33 6 12 34 56 78" and rows[6][3].data_type == "s"

    # --- the treasurer's payments: CSV -----------------------------------------------------
    rows = sheet("paiements.csv")
    headings = values(rows)[0]
    assert headings[:2] == ["Reçu", "Adhérent·e"]
    paid_on_column, amount_column = column(headings, "Date"), column(headings, "Montant")
    by_payer = {row[1].value: row for row in rows[1:]}
    assert len(by_payer) == len(PEOPLE)
    for first, last, amount, paid_on in PEOPLE:
        row = by_payer[next(payer for payer in by_payer if first in payer)]
        assert last in row[1].value and row[1].data_type == "s"
        assert row[paid_on_column].is_date and row[paid_on_column].value.date() == paid_on
        assert row[amount_column].data_type == "n" and Decimal(str(row[amount_column].value)) == amount
        assert "Chèque" in [cell.value for cell in row]  # the label, not the code
    assert all(cell.data_type != "f" for row in rows for cell in row)

    # --- the members listing: CSV, the formula-like name stays text --------------------------
    rows = sheet("adherents.csv")
    assert values(rows)[0][:3] == ["Nom", "Prénom", "E-mail"]
    names = {row[0].value: row for row in rows[1:]}
    assert {"Nguyễn", "Kowalska", "Cœur-Garçon", "العلي", "'" + FORMULA} <= set(names)
    assert names["Cœur-Garçon"][1].value == "François"
    assert all(cell.data_type != "f" for row in rows for cell in row)
    end = column(values(rows)[0], "Fin de l")
    assert all(row[end].is_date for row in rows[1:])

    # --- the board report and attendance: CSV figures are numbers ----------------------------
    rows = sheet("rapport.csv")
    assert values(rows)[0] == ["Section", "Libellé", "Indicateur", "Valeur"]
    fees = [row for row in rows[1:] if row[0].value == "Cotisations encaissées par année"]
    assert fees and fees[0][3].data_type == "n"
    assert Decimal(str(fees[0][3].value)) == sum(amount for *_, amount, _ in PEOPLE)
    rows = sheet("frequentation.csv")
    figures = {(row[0].value, row[1].value, row[2].value): row[3] for row in rows[1:]}
    total = figures[("Temps d'échange entre parents : par mois", "Total", "Total")]
    assert total.data_type == "n" and total.value == 9

    # --- XLSX, read back by LibreOffice into CSV --------------------------------------------
    out = tmp_path / "from_xlsx"
    payments_csv = lo_csv(next(out.glob("paiements*.csv")))
    headings = [value for value, _ in payments_csv[0]]
    assert headings[:2] == ["Reçu", "Adhérent·e"]
    paid_on_column, amount_column = column(headings, "Date"), column(headings, "Montant")
    by_payer = {row[1][0]: row for row in payments_csv[1:]}
    for first, last, amount, paid_on in PEOPLE:
        payer = next(payer for payer in by_payer if first in payer and last in payer)
        row = by_payer[payer]
        assert row[1][1] is True  # text
        assert row[paid_on_column] == (paid_on.isoformat(), False)  # a date, not text
        assert row[amount_column][1] is False and Decimal(row[amount_column][0]) == amount  # a number
    members_csv = lo_csv(next(out.glob("adherents*.csv")))
    names = [row[0] for row in members_csv[1:]]
    assert (FORMULA, True) in names  # text as typed: not a formula (LibreOffice would write its result)
    assert {("Nguyễn", True), ("Kowalska", True), ("Cœur-Garçon", True), ("العلي", True)} <= set(names)
    report_sheets = {path.stem.split("-", 1)[1]: lo_csv(path) for path in out.glob("rapport-*.csv")}
    assert "Cotisations par année" in report_sheets
    year_rows = [row for row in report_sheets["Cotisations par année"] if not row[0][1] or row[0][0].isdigit()]
    assert any(Decimal(row[1][0]) == sum(amount for *_, amount, _ in PEOPLE) and row[1][1] is False for row in year_rows)
    attendance_sheets = [lo_csv(path) for path in out.glob("frequentation-*.csv")]
    assert any(
        ("Total", True) in [row[0] for row in rows] and any(cell == ("9", False) for row in rows for cell in row)
        for rows in attendance_sheets
    )
