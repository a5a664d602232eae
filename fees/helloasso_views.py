"""HelloAsso's notification receiver (public, called by HelloAsso) and the treasurer's queue
of HelloAsso orders to attach to a member (Wagtail admin, Cotisations menu)."""

import json
import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from fees import helloasso
from fees import membership as rules
from fees.forms import MemberChoiceField, payable_members
from fees.models import HelloAssoOrder

logger = logging.getLogger("fees.helloasso")

MAX_NOTIFICATION_BYTES = 256 * 1024


# --- The receiver ------------------------------------------------------------------------

@csrf_exempt
@require_POST
def notification(request):
    """HelloAsso posts here after each order, payment or form change. Answers 200 when the
    notification was handled (recorded, cancelled after a refund or a dispute, waiting for the
    bank, queued, already known or not about a membership), 400 when it is malformed or its
    order can't pay the fee (unknown at HelloAsso, another organisation's, never paid, zero),
    503 when HelloAsso's API can't be reached (so it tries again) or refuses our API client
    for want of a right (a configuration error shown to the treasurer; the order is kept and
    read again once fixed)."""
    if not rules.online_payment_enabled():
        raise Http404
    if len(request.body) > MAX_NOTIFICATION_BYTES:
        return HttpResponseBadRequest("too large")
    try:
        payload = json.loads(request.body.decode("utf-8"))
        outcome = helloasso.handle_notification(payload)
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        logger.warning("HelloAsso notification rejected: malformed.")
        return HttpResponseBadRequest("malformed notification")
    except helloasso.UnknownOrder:
        logger.warning("HelloAsso notification rejected: unknown order.")
        return HttpResponseBadRequest("unknown order")
    except helloasso.Rejected as rejection:
        logger.warning("HelloAsso notification rejected: %s.", rejection.reason)
        return HttpResponseBadRequest("order rejected")
    except helloasso.HelloAssoForbidden:
        # Logged (and kept for the treasurer) by helloasso.remember_forbidden.
        return HttpResponse("configuration error: the API client lacks a right", status=503)
    except helloasso.HelloAssoError as error:
        logger.error("HelloAsso API unavailable: %s.", error)
        return HttpResponse("try again later", status=503)
    return HttpResponse(outcome, content_type="text/plain")


# --- A missing right on HelloAsso, shown on the treasurer's screens -----------------------

def problem_messages():
    """What the fees screens say while HelloAsso refuses our API client a right (403)."""
    texts = []
    for problem in helloasso.api_problems():
        waiting = len(problem.waiting_order_ids)
        texts.append(
            _("La clé API HelloAsso n'a pas le droit de %(right)s, à corriger dans les réglages : sur HelloAsso, "
              "Mon compte › Intégrations et API (ou auprès du support de HelloAsso).")
            % {"right": problem.get_right_display()}
            + " "
            + ngettext(
                "%(count)s commande notifiée depuis le %(date)s attend d'être relue : une fois la clé corrigée, "
                "cliquez sur « Relire les commandes en attente » (Commandes HelloAsso).",
                "%(count)s commandes notifiées depuis le %(date)s attendent d'être relues : une fois la clé "
                "corrigée, cliquez sur « Relire les commandes en attente » (Commandes HelloAsso).",
                waiting,
            )
            % {"count": waiting, "date": timezone.localtime(problem.first_seen_at).strftime("%d/%m/%Y %H:%M")}
        )
    return texts


class HelloAssoProblemNoticeMixin:
    """Index views of the fees screens: a configuration error with HelloAsso is said at the
    top of the page, until it is fixed."""

    def get(self, request, *args, **kwargs):
        if not getattr(self, "results_only", False) and (
            request.user.has_perm("fees.change_helloassoorder") or request.user.has_perm("fees.view_payment")
        ):
            for text in problem_messages():
                messages.error(request, text)
        return super().get(request, *args, **kwargs)


@require_POST
def retry_waiting_orders(request):
    """The treasurer fixed the API client's rights: read the orders kept meanwhile."""
    if not request.user.has_perm("fees.change_helloassoorder"):
        raise PermissionDenied
    handled, left = helloasso.retry_waiting_orders()
    if left:
        messages.error(request, _("HelloAsso refuse toujours l'accès : la clé API n'a pas encore le droit nécessaire."))
    else:
        messages.success(
            request,
            ngettext("%(count)s commande relue auprès de HelloAsso.", "%(count)s commandes relues auprès de HelloAsso.",
                     handled) % {"count": handled},
        )
    return redirect("fees_helloasso:index")


# --- The treasurer's queue ---------------------------------------------------------------

class HelloAssoOrderPermissionPolicy(ModelPermissionPolicy):
    """Orders only come from HelloAsso and stay for the accounts: nobody adds or deletes them
    in the admin, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class MatchForm(forms.Form):
    user = MemberChoiceField(
        queryset=payable_members(),
        label=gettext_lazy("Membre"),
        required=False,
        help_text=gettext_lazy("La personne dont cette commande paie la cotisation."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = payable_members().filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("action") != "ignore" and not cleaned.get("user"):
            self.add_error("user", _("Choisissez le ou la membre."))
        return cleaned


class HelloAssoOrderResolveView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """An order waiting in the queue: attach it to a member (records the payment and sends
    the receipt) or set it aside. Handled orders are shown without the form."""

    model = HelloAssoOrder
    permission_required = "change"
    template_name = "fees/admin/helloasso_resolve.html"
    form_class = MatchForm
    index_url_name = None
    header_icon = ""
    page_title = gettext_lazy("Commande HelloAsso")

    @cached_property
    def object(self):
        # Looked up after the permission check (PermissionCheckedMixin.dispatch).
        return get_object_or_404(HelloAssoOrder.objects.select_related("payment"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.object.order_id

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": HelloAssoOrderViewSet.menu_label},
            {"url": "", "label": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["order"] = self.object
        context["unmatched"] = self.object.status == HelloAssoOrder.Status.UNMATCHED
        context["instalments"] = self.object.instalments.select_related("payment")
        context["problems"] = problem_messages()
        return context

    def post(self, request, *args, **kwargs):
        if self.object.status != HelloAssoOrder.Status.UNMATCHED:
            messages.warning(request, _("Cette commande a déjà été traitée."))
            return redirect(self.index_url_name)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if self.request.POST.get("action") == "ignore":
            if helloasso.ignore_by_hand(self.object):
                messages.success(self.request, _("Commande %(id)s écartée.") % {"id": self.object.order_id})
            else:
                messages.warning(self.request, _("Cette commande a déjà été traitée."))
            return redirect(self.index_url_name)
        payment = helloasso.resolve_by_hand(self.object, form.cleaned_data["user"], recorded_by=self.request.user)
        if payment is None and HelloAssoOrder.objects.filter(
            pk=self.object.pk, status=HelloAssoOrder.Status.RECORDED, member=form.cleaned_data["user"]
        ).exists():
            messages.success(
                self.request,
                _("Commande rattachée : rien n'est encore reçu ; chaque paiement sera enregistré, avec son reçu, "
                  "quand HelloAsso l'aura encaissé."),
            )
        elif payment is None:
            messages.warning(self.request, _("Cette commande a déjà été traitée."))
        else:
            messages.success(
                self.request,
                _("Paiement enregistré : reçu %(number)s envoyé à %(name)s.")
                % {"number": payment.receipt_number, "name": payment.payer_name},
            )
        return redirect(self.index_url_name)


class HelloAssoOrderIndexView(HelloAssoProblemNoticeMixin, generic.IndexView):
    template_name = "fees/admin/helloasso_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting_orders"] = sum(len(p.waiting_order_ids) for p in helloasso.api_problems())
        return context

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                queue_rank=Case(
                    When(status=HelloAssoOrder.Status.UNMATCHED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )


class HelloAssoOrderViewSet(ModelViewSet):
    """HelloAsso orders confirmed through the API; those matched to nobody first."""

    model = HelloAssoOrder
    icon = "link"
    menu_label = gettext_lazy("Commandes HelloAsso")
    add_to_admin_menu = False
    menu_hook = "register_fees_menu_item"  # the Cotisations submenu (fees.wagtail_hooks)
    url_prefix = "cotisations/helloasso"
    name = "fees_helloasso"
    edit_view_class = HelloAssoOrderResolveView
    form_fields = []  # the add view exists but nobody may use it (HelloAssoOrderPermissionPolicy)
    list_display = ["order_id", "status", "paid_on", "amount", "payer_name", "received_at"]
    list_filter = ["status"]
    index_view_class = HelloAssoOrderIndexView
    ordering = ["queue_rank", "-received_at"]

    def get_edit_view_kwargs(self, **kwargs):
        return {"index_url_name": self.get_url_name("index"), "header_icon": self.icon, **kwargs}
