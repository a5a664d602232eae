"""The treasurer's menu ("Cotisations") in the Wagtail admin. Other screens of this app
join it with `@hooks.register("register_fees_menu_item")` or a viewset whose `menu_hook`
is "register_fees_menu_item"."""

import django_filters
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from fees import demo, member_space
from fees.admin_views import PaymentCreateView, cancel_payment, receipt_pdf
from fees.forms import PaymentForm
from fees.helloasso_views import (
    HelloAssoOrderPermissionPolicy,
    HelloAssoOrderViewSet,
    HelloAssoProblemNoticeMixin,
    retry_waiting_orders,
)
from fees.import_views import PERMISSION as IMPORT_PERMISSION
from fees.import_views import import_members
from fees.listing import PERMISSION as MEMBERS_PERMISSION
from fees.listing import MembersViewSet
from fees.models import HelloAssoOrder, Payment
from fees.panels import FeesSummaryPanel
from fees.report_views import PERMISSION as BOARD_REPORT_PERMISSION
from fees.report_views import BoardReportView
from home import hooks as site_hooks
from home.admin_menus import RestrictedMenuItem
from home.exports import SpreadsheetExportMixin

FEES_MENU_HOOK = "register_fees_menu_item"


class ReceiptColumn(Column):
    cell_template_name = "fees/admin/receipt_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_cancel"] = bool(request and request.user.has_perm("fees.cancel_payment"))
        return context


class PaymentFilterSet(WagtailFilterSet):
    cancelled = django_filters.BooleanFilter(
        label=_("Annulé"), field_name="cancelled_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Payment
        fields = ["method", "paid_on"]


def method_label(code):
    return str(dict(Payment.Method.choices).get(code, code))


class PaymentIndexView(HelloAssoProblemNoticeMixin, SpreadsheetExportMixin, generic.IndexView):
    custom_field_preprocess = {
        "method": {generic.IndexView.FORMAT_CSV: method_label, generic.IndexView.FORMAT_XLSX: method_label},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("membership", "instalment_period")


class PaymentViewSet(ModelViewSet):
    """Payments received: recorded (never edited: each has its receipt), listed, exported."""

    model = Payment
    name = "payments"
    url_prefix = "cotisations/paiements"
    icon = "doc-full"
    menu_label = _("Paiements")
    add_to_admin_menu = False
    menu_hook = FEES_MENU_HOOK
    form_class = PaymentForm
    add_view_class = PaymentCreateView
    index_view_class = PaymentIndexView
    copy_view_enabled = False  # a copy would rewrite a recorded payment in place
    list_display = [
        "receipt_number",
        "payer_name",
        "paid_on",
        "amount",
        "method",
        "instalment_label",
        "state_label",
        ReceiptColumn("receipt", label=_("Reçu")),
    ]
    filterset_class = PaymentFilterSet
    search_fields = ["payer_name", "reference"]
    list_export = ["receipt_number", "payer_name", "paid_on", "amount", "method", "reference", "instalment_label",
                   "period", "state_label", "cancellation_reason"]
    export_headings = {
        "receipt_number": _("Reçu"),
        "payer_name": _("Adhérent·e"),
        "period": _("Période d'adhésion"),
        "state_label": _("État"),
        "instalment_label": _("Échéance"),
        "cancellation_reason": _("Motif de l'annulation"),
    }
    export_filename = "paiements"
    ordering = ["-paid_on", "-receipt_year", "-receipt_sequence"]
    inspect_view_enabled = True
    inspect_view_fields = ["receipt_number", "payer_name", "paid_on", "amount", "method", "reference",
                           "instalment_label", "period", "recorded_at", "receipt_sent_at", "state_label",
                           "cancelled_at", "cancelled_by", "cancellation_reason"]

    def get_form_class(self, for_update=False):
        return PaymentForm


class FeesViewSetGroup(ViewSetGroup):
    items = (PaymentViewSet,)
    menu_icon = "doc-full"
    menu_label = _("Cotisations")
    menu_name = "fees"
    submenu_hook = FEES_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_fees_viewsets():
    return FeesViewSetGroup()


@hooks.register("register_admin_viewset")
def register_helloasso_viewset():
    return HelloAssoOrderViewSet()


@hooks.register("register_admin_viewset")
def register_members_viewset():
    return MembersViewSet()


register_permission_policy(HelloAssoOrder, HelloAssoOrderPermissionPolicy(HelloAssoOrder), exact_class=True)


@hooks.register("register_admin_urls")
def register_fees_urls():
    return [
        path("cotisations/recus/<int:pk>.pdf", receipt_pdf, name="fees_receipt_pdf"),
        path("cotisations/paiements-annulation/<int:pk>/", cancel_payment, name="fees_cancel_payment"),
        path("cotisations/rapports/", BoardReportView.as_view(), name="fees_board_report"),
        path("cotisations/importer/", import_members, name="fees_import_members"),
        path("cotisations/helloasso-relire/", retry_waiting_orders, name="fees_helloasso_retry"),
    ]


@hooks.register(FEES_MENU_HOOK)
def register_import_members_menu_item():
    return RestrictedMenuItem(
        _("Importer des adhérent·es"), reverse_lazy("fees_import_members"), name="import-members", icon_name="upload",
        order=800, permission=IMPORT_PERMISSION,
    )


@hooks.register(FEES_MENU_HOOK)
def register_board_report_menu_item():
    return RestrictedMenuItem(
        _("Rapports du bureau"), reverse_lazy("fees_board_report"), name="board-report", icon_name="table",
        order=900, permission=BOARD_REPORT_PERMISSION,
    )


@hooks.register("construct_homepage_panels")
def add_fees_summary(request, panels):
    """What needs the treasurer's attention, on the admin's dashboard."""
    if request.user.has_perm("network.view_membership"):
        panels.append(FeesSummaryPanel())


# What the fees app adds to others' screens (home/hooks.py).
hooks.register(site_hooks.MEMBER_SPACE_PANELS, member_space.membership_panel)
hooks.register(site_hooks.MEMBER_DATA, member_space.payments_data)
hooks.register(site_hooks.MAIL_CONTEXT, member_space.welcome_mail_context)


@hooks.register(site_hooks.DEMO_DATA, order=15)
def demo_payments(password):
    created = demo.create_demo_payments()
    if created:
        yield f"{created} demo payment(s) recorded, with their receipts."


@hooks.register(site_hooks.WORKPLACES)
def treasurer_workplace(user):
    # A superuser has every permission; their place is the admin (accounts' editors_workplace).
    if not user.is_superuser and user.has_perm(MEMBERS_PERMISSION):
        return site_hooks.Workplace(
            30, _("Cotisations"), reverse("fees_members:index"),
            _("Les adhérent·es et leur état, les paiements et les reçus, HelloAsso, le rapport du bureau."),
        )
    return None

