"""The board's report in the Wagtail admin ("Cotisations › Rapports du bureau"): the figures of
fees.reports for a chosen year, as a page with charts and tables, or as CSV / XLSX.

Only counts and sums: no name, e-mail or individual amount leaves this view."""

import logging

from django.core.exceptions import PermissionDenied
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from fees.reports import board_report, report_years
from home import exports

logger = logging.getLogger(__name__)

PERMISSION = "fees.view_board_report"
XLSX_CONTENT_TYPE = exports.XLSX_CONTENT_TYPE


def month_label(day):
    return dateformat.format(day, "F Y")


def report_sections(report):
    """The report as tables: [{"key", "title", "sheet", "headers", "rows"}], the same for the
    page, the CSV and the XLSX. Months are "YYYY-MM", days are dates."""
    totals = report.totals
    median = report.median_decision_days
    return [
        {
            "key": "summary",
            "title": _("Synthèse %(year)s") % {"year": report.year},
            "sheet": _("Synthèse"),
            "headers": [_("Indicateur"), _("Valeur")],
            "rows": [
                [_("Membres au %(date)s") % {"date": report.as_of.strftime("%d/%m/%Y")}, report.members],
                [_("Professions représentées"), report.professions_represented],
                [_("Adhésions (premières)"), totals["joins"]],
                [_("Renouvellements"), totals["renewals"]],
                [_("Fins d'adhésion"), totals["lapses"]],
                [_("Candidatures reçues"), totals["received"]],
                [_("Candidatures acceptées"), totals["accepted"]],
                [_("Candidatures refusées"), totals["rejected"]],
                [_("Délai médian de décision (jours)"), median],
                [_("Cotisations encaissées (€)"), totals["fees"]],
            ],
        },
        {
            "key": "professions",
            "title": _("Membres par profession au %(date)s") % {"date": report.as_of.strftime("%d/%m/%Y")},
            "sheet": _("Professions"),
            "headers": [_("Profession"), _("Membres")],
            "rows": [[label, count] for label, count in report.professions],
        },
        {
            "key": "members",
            "title": _("Membres en fin de mois"),
            "sheet": _("Membres par mois"),
            "headers": [_("Date"), _("Membres")],
            "rows": [[day, count] for day, count in report.members_over_time],
        },
        {
            "key": "movements",
            "title": _("Adhésions, renouvellements et fins d'adhésion par mois"),
            "sheet": _("Mouvements"),
            "headers": [_("Mois"), _("Adhésions"), _("Renouvellements"), _("Fins d'adhésion")],
            "rows": [
                [m["month"].strftime("%Y-%m"), m["joins"], m["renewals"], m["lapses"]] for m in report.movements
            ],
        },
        {
            "key": "applications",
            "title": _("Candidatures par mois"),
            "sheet": _("Candidatures"),
            "headers": [_("Mois"), _("Reçues"), _("Acceptées"), _("Refusées")],
            "rows": [
                [m["month"].strftime("%Y-%m"), m["received"], m["accepted"], m["rejected"]]
                for m in report.applications
            ],
        },
        {
            "key": "fees_by_year",
            "title": _("Cotisations encaissées par année"),
            "sheet": _("Cotisations par année"),
            "headers": [_("Année"), _("Montant (€)")],
            "rows": [[year, total] for year, total in report.fees_by_year],
        },
        {
            "key": "fees_by_month",
            "title": _("Cotisations encaissées par mois"),
            "sheet": _("Cotisations par mois"),
            "headers": [_("Mois"), _("Montant (€)")],
            "rows": [[month.strftime("%Y-%m"), total] for month, total in report.fees_by_month],
        },
    ]


def csv_response(report):
    """One row per figure: section, label, measure, value (home.exports: the project's CSV)."""
    rows = (
        [section["title"], row[0], header, value]
        for section in report_sections(report)
        for row in section["rows"]
        for header, value in zip(section["headers"][1:], row[1:])
    )
    return exports.csv_response(
        f"rapport-bureau-{report.year}.csv", [_("Section"), _("Libellé"), _("Indicateur"), _("Valeur")], rows
    )


def xlsx_response(report):
    """One sheet per section, figures as numbers and dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in report_sections(report):
        sheet = workbook.create_sheet(title=str(section["sheet"])[:31])
        sheet.append([str(section["title"])])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(header) for header in section["headers"]])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in section["rows"]:
            exports.xlsx_append(sheet, row)
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if cell.is_date:
                    cell.number_format = "DD/MM/YYYY"
        if section["key"].startswith("fees"):
            for (cell,) in sheet.iter_rows(min_row=3, min_col=2, max_col=2):
                cell.number_format = "#,##0.00"
        sheet.column_dimensions["A"].width = 42
    return exports.xlsx_response(f"rapport-bureau-{report.year}.xlsx", workbook)


class BoardReportView(WagtailAdminTemplateMixin, TemplateView):
    """The board's and funders' report for one year, with its CSV and XLSX exports."""

    template_name = "fees/admin/report.html"
    page_title = gettext_lazy("Rapports du bureau")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def chosen_year(self):
        self.years = report_years()
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return self.years[0]
        return year if year in self.years else self.years[0]

    def get(self, request, *args, **kwargs):
        self.report = board_report(self.chosen_year())
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            logger.info("Board report %s exported as %s by user %s.", self.report.year, export, request.user.pk)
            return csv_response(self.report) if export == "csv" else xlsx_response(self.report)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        sections = {section["key"]: section for section in report_sections(report)}
        short_months = [dateformat.format(m["month"], "N") for m in report.movements]
        context.update(
            report=report,
            years=self.years,
            sections=sections,
            current_year=report.year == timezone.localdate().year,
            month_labels=short_months,
            members_labels=[dateformat.format(day, "N") for day, _count in report.members_over_time],
            members_series=[(_("Membres"), [count for _day, count in report.members_over_time])],
            members_rows=[(dateformat.format(day, "j F Y"), count) for day, count in report.members_over_time],
            professions_labels=[label for label, _count in report.professions],
            professions_series=[(_("Membres"), [count for _label, count in report.professions])],
            movements_series=[
                (_("Adhésions"), [m["joins"] for m in report.movements]),
                (_("Renouvellements"), [m["renewals"] for m in report.movements]),
                (_("Fins d'adhésion"), [m["lapses"] for m in report.movements]),
            ],
            movements_rows=[(month_label(m["month"]), m["joins"], m["renewals"], m["lapses"]) for m in report.movements],
            applications_series=[
                (_("Reçues"), [m["received"] for m in report.applications]),
                (_("Acceptées"), [m["accepted"] for m in report.applications]),
                (_("Refusées"), [m["rejected"] for m in report.applications]),
            ],
            applications_rows=[
                (month_label(m["month"]), m["received"], m["accepted"], m["rejected"]) for m in report.applications
            ],
            fees_year_labels=[str(year) for year, _total in report.fees_by_year],
            fees_year_series=[(_("Montant (€)"), [total for _year, total in report.fees_by_year])],
            fees_month_labels=[dateformat.format(month, "N") for month, _total in report.fees_by_month],
            fees_month_series=[(_("Montant (€)"), [total for _month, total in report.fees_by_month])],
            fees_month_rows=[(month_label(month), total) for month, total in report.fees_by_month],
        )
        return context
