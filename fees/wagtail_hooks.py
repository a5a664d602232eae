"""The treasurer's menu ("Cotisations") in the Wagtail admin. Other screens of this app
join it with `@hooks.register("register_fees_menu_item")` or a viewset whose `menu_hook`
is "register_fees_menu_item"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from fees.admin_views import PaymentCreateView, receipt_pdf
from fees.forms import PaymentForm
from fees.models import Payment

FEES_MENU_HOOK = "register_fees_menu_item"


class ReceiptColumn(Column):
    cell_template_name = "fees/admin/receipt_cell.html"


class PaymentViewSet(ModelViewSet):
    """Payments received: recorded (never edited: each has its receipt), listed, exported."""

    model = Payment
    icon = "doc-full"
    menu_label = _("Paiements")
    add_to_admin_menu = False
    menu_hook = FEES_MENU_HOOK
    form_class = PaymentForm
    add_view_class = PaymentCreateView
    list_display = [
        "receipt_number",
        "payer_name",
        "paid_on",
        "amount",
        "method",
        ReceiptColumn("receipt", label=_("Reçu")),
    ]
    list_filter = ["method", "paid_on"]
    search_fields = ["payer_name", "reference"]
    list_export = ["receipt_number", "payer_name", "paid_on", "amount", "method", "reference", "period"]
    export_headings = {
        "receipt_number": _("Reçu"),
        "payer_name": _("Adhérent·e"),
        "period": _("Période d'adhésion"),
    }
    export_filename = "paiements"
    ordering = ["-paid_on", "-receipt_year", "-receipt_sequence"]
    inspect_view_enabled = True
    inspect_view_fields = ["receipt_number", "payer_name", "paid_on", "amount", "method", "reference", "membership",
                           "recorded_at", "receipt_sent_at"]

    def get_queryset(self, request):
        return Payment.objects.select_related("membership")

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


@hooks.register("register_admin_urls")
def register_receipt_url():
    return [path("cotisations/recus/<int:pk>.pdf", receipt_pdf, name="fees_receipt_pdf")]


def receipt_url(payment):
    return reverse("fees_receipt_pdf", args=[payment.pk])
