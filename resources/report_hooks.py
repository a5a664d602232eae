"""Admin reports on events, under Wagtail's "Rapports" menu (imported by resources/wagtail_hooks.py):

- "Fréquentation des actions" (editors, superusers): for a year, the families reached by
  the parent discussion times and the parent–child workshops, and the network's meetings,
  month by month, as a page, CSV or XLSX. Only counts: no name, no title leaves it.
- "Participation aux rencontres" (commission, editors, superusers): each member's
  Prorencontres and Intervisions attended, with a page per member listing them. Names, no
  contact details, and no export.

The figures and who may see them are in resources.attendance."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse, reverse_lazy
from django.utils import dateformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from accounts.models import User
from home import exports
from home.admin_menus import RestrictedMenuItem
from network.models import Membership
from resources import attendance

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = exports.XLSX_CONTENT_TYPE


def kind_label(kind):
    from resources.models import Event

    return str(Event.Kind(kind).label)


# --- "Fréquentation des actions" -------------------------------------------------------------

FAMILY_MEASURES = ("events", "adults", "children", "total", "unrecorded")
NETWORK_MEASURES = ("events", "members", "walk_ins", "unrecorded")


def measure_headers(measures):
    labels = {
        "events": _("Événements"),
        "adults": _("Parents"),
        "children": _("Enfants"),
        "total": _("Total"),
        "members": _("Membres présents"),
        "walk_ins": _("Venu·es sans inscription"),
        "unrecorded": _("Présence non saisie"),
    }
    return [labels[m] for m in measures]


def values(figures, measures):
    return [getattr(figures, m) for m in measures]


def report_sections(report):
    """The report as tables: [{"key", "title", "sheet", "headers", "rows", "total"}], the same
    for the page, the CSV and the XLSX. A row's first cell is a label, or the first day of a
    month (a date); the others are counts."""
    from resources.models import Event

    sections = []
    for group, kinds, measures, title, sheet, first_header in (
        ("family", Event.FAMILY_KINDS, FAMILY_MEASURES, _("Actions pour les familles en %(year)s"),
         _("Synthèse familles"), _("Action")),
        ("network", Event.NETWORK_KINDS, NETWORK_MEASURES, _("Rencontres du réseau en %(year)s"),
         _("Synthèse réseau"), _("Rencontre")),
    ):
        sections.append({
            "key": f"{group}-summary",
            "title": title % {"year": report.year},
            "sheet": sheet,
            "headers": [first_header] + measure_headers(measures),
            "rows": [[kind_label(kind)] + values(report.totals[kind], measures) for kind in kinds],
            "total": [_("Ensemble")] + values(report.total_of(kinds), measures),
        })
    for kinds, measures in ((Event.FAMILY_KINDS, FAMILY_MEASURES), (Event.NETWORK_KINDS, NETWORK_MEASURES)):
        for kind in kinds:
            sections.append({
                "key": kind,
                "title": _("%(kind)s : par mois") % {"kind": kind_label(kind)},
                "sheet": kind_label(kind),
                "headers": [_("Mois")] + measure_headers(measures),
                "rows": [[month] + values(figures, measures) for month, figures in report.monthly(kind)],
                "total": [_("Total")] + values(report.totals[kind], measures),
            })
    return sections


def _label(value, for_page):
    if hasattr(value, "strftime"):
        return dateformat.format(value, "F Y") if for_page else value.strftime("%Y-%m")
    return str(value)


def attendance_csv(report):
    """One row per figure: section, label (month as YYYY-MM), measure, value (home.exports:
    the project's CSV)."""
    rows = (
        [section["title"], _label(row[0], False), header, value]
        for section in report_sections(report)
        for row in section["rows"] + [section["total"]]
        for header, value in zip(section["headers"][1:], row[1:])
    )
    return exports.csv_response(
        f"frequentation-{report.year}.csv", [_("Section"), _("Libellé"), _("Indicateur"), _("Valeur")], rows
    )


def attendance_xlsx(report):
    """One sheet per table: its title, headers, rows (months as YYYY-MM) and total, as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for section in report_sections(report):
        sheet = workbook.create_sheet(title=str(section["sheet"])[:31])
        exports.xlsx_append(sheet, [section["title"]])
        exports.xlsx_append(sheet, section["headers"])
        for row in section["rows"]:
            exports.xlsx_append(sheet, [_label(row[0], False)] + row[1:])
        exports.xlsx_append(sheet, section["total"])
        for cell in [sheet["A1"], *sheet[2], *sheet[sheet.max_row]]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 34
    return exports.xlsx_response(f"frequentation-{report.year}.xlsx", workbook)


class ReportMixin(WagtailAdminTemplateMixin):
    header_icon = "table"
    permission_check = None

    def dispatch(self, request, *args, **kwargs):
        if not type(self).permission_check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class AttendanceReportView(ReportMixin, TemplateView):
    """The funders' figures for one year, with their CSV and XLSX exports."""

    template_name = "resources/admin/attendance_report.html"
    page_title = gettext_lazy("Fréquentation des actions")
    permission_check = staticmethod(attendance.can_view_attendance)

    def chosen_year(self):
        self.years = attendance.report_years()
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return self.years[0]
        return year if year in self.years else self.years[0]

    def get(self, request, *args, **kwargs):
        self.report = attendance.attendance_report(self.chosen_year())
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            logger.info("Attendance report %s exported as %s by user %s.", self.report.year, export, request.user.pk)
            return attendance_csv(self.report) if export == "csv" else attendance_xlsx(self.report)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from resources.models import Event

        context = super().get_context_data(**kwargs)
        report = self.report
        sections = []
        for section in report_sections(report):
            sections.append({
                **section,
                "rows": [[_label(row[0], True)] + row[1:] for row in section["rows"]],
                "total": [str(v) if isinstance(v, Promise) else v for v in section["total"]],
            })
        unrecorded = report.total_of(report.kinds).unrecorded
        context.update(
            report=report,
            years=self.years,
            summaries=[s for s in sections if s["key"].endswith("-summary")],
            family_sections=[s for s in sections if s["key"] in Event.FAMILY_KINDS],
            network_sections=[s for s in sections if s["key"] in Event.NETWORK_KINDS],
            unrecorded=unrecorded,
            current_year=report.year == report.today.year,
        )
        return context


# --- "Participation aux rencontres" ---------------------------------------------------------

class ParticipationReportView(ReportMixin, TemplateView):
    """Each member's Prorencontres and Intervisions attended, sortable; for the commission."""

    template_name = "resources/admin/participation_report.html"
    page_title = gettext_lazy("Participation aux rencontres")
    header_icon = "group"
    permission_check = staticmethod(attendance.can_view_participation)

    def get_context_data(self, **kwargs):
        from resources.models import Event

        context = super().get_context_data(**kwargs)
        ordering = self.request.GET.get("tri")
        if ordering not in attendance.SORTS:
            ordering = "name"
        rows = attendance.sort_participation(attendance.participation(), ordering)
        today = attendance.local_today()
        prorencontre, intervision = Event.Kind.PRORENCONTRE, Event.Kind.INTERVISION
        context.update(
            ordering=ordering,
            since=attendance.twelve_months_start(today),
            today=today,
            members=[
                {
                    "name": row.name,
                    "url": reverse("resources_participation_detail", args=[row.user_id]),
                    "current_member": row.current_member,
                    "recent_prorencontres": row.recent[prorencontre],
                    "recent_intervisions": row.recent[intervision],
                    "prorencontres": row.overall[prorencontre],
                    "intervisions": row.overall[intervision],
                    "last_meeting": row.last_meeting,
                }
                for row in rows
            ],
        )
        return context


class ParticipationDetailView(ReportMixin, TemplateView):
    """One member's network meetings attended, with their dates."""

    template_name = "resources/admin/participation_detail.html"
    header_icon = "user"
    permission_check = staticmethod(attendance.can_view_participation)

    def get(self, request, user_id, *args, **kwargs):

        self.person = get_object_or_404(User, pk=user_id)
        if not attendance.is_listed(self.person):
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Participation aux rencontres")

    def get_page_subtitle(self):
        return attendance.display_name(self.person)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("resources_participation_report"), "label": _("Participation aux rencontres")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        today = attendance.local_today()
        meetings = attendance.meetings_of(self.person)
        since = attendance.twelve_months_start(today)
        context.update(
            name=attendance.display_name(self.person),
            current_member=Membership.objects.held_by(self.person, today),
            meetings=[{"date": day, "kind": kind_label(event.kind), "title": event.title} for day, event in meetings],
            recent_count=sum(1 for day, _event in meetings if day >= since),
            since=since,
        )
        return context


# --- Hooks ------------------------------------------------------------------------------------

@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("evenements/frequentation/", AttendanceReportView.as_view(), name="resources_attendance_report"),
        path("evenements/participation/", ParticipationReportView.as_view(), name="resources_participation_report"),
        path(
            "evenements/participation/<int:user_id>/",
            ParticipationDetailView.as_view(),
            name="resources_participation_detail",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_attendance_report_menu_item():
    return RestrictedMenuItem(
        gettext_lazy("Fréquentation des actions"), reverse_lazy("resources_attendance_report"),
        name="attendance-report", icon_name="table", order=810, allowed=attendance.can_view_attendance,
    )


@hooks.register("register_reports_menu_item")
def register_participation_report_menu_item():
    return RestrictedMenuItem(
        gettext_lazy("Participation aux rencontres"), reverse_lazy("resources_participation_report"),
        name="participation-report", icon_name="group", order=820, allowed=attendance.can_view_participation,
    )
