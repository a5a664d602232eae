"""The admin knows one thing of the family support programme: where the treasurer (for the
board) finds its anonymised statistics. No family data is registered with Wagtail."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail import hooks

from resources.report_hooks import ReportMenuItem
from support import access


@hooks.register("register_reports_menu_item")
def register_support_statistics_menu_item():
    return ReportMenuItem(
        gettext_lazy("Accompagnement des familles (statistiques)"), reverse_lazy("support:statistics"),
        name="support-statistics", icon_name="table", order=830, allowed=access.sees_statistics,
    )
