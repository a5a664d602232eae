"""The treasurer's list of members ("Adhérent·es"): everyone who has or had a membership, with
the state of their latest membership, filterable by state and exportable as CSV or XLSX.

The state is computed in SQL from the latest membership period (the one ending last), with
the same rules as network.membership.state_of, so that filtering, sorting and exports agree with
what members see.

Wagtail traps met here (Wagtail 8):
- views of a ModelViewSet take their permission policy from the registry by model, so a
  listing of accounts.User would ask for auth.view_user, which the treasurer must not have
  (it opens Wagtail's own user admin). The index view gets its own policy: viewing only,
  with network.view_membership.
- a second ModelViewSet on User must not register its permissions, URL finder or reference
  index for User (they would override those of Wagtail's user admin): on_register only
  registers the menu item, and the viewset has an index only.
"""

import datetime
from functools import partial

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, DateField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from fees.helloasso_views import HelloAssoProblemNoticeMixin
from fees.membership import ENDING_SOON_DAYS, State
from home.admin_menus import RestrictedMenuItem
from home.exports import SpreadsheetExportMixin
from network.models import Application, MemberProfilePage, Membership

PERMISSION = "network.view_membership"
LISTED_STATES = (State.ACTIVE, State.ENDING, State.AWAITING_FIRST_FEE, State.LAPSED)


def members_queryset(today=None):
    """Every account that has or had a membership, annotated with its latest membership
    (membership_start, membership_end, membership_source), its state (membership_state), the
    date of the last payment (last_payment: the last recorded fee, or for members taken over
    from the former register, the start of their imported membership) and the profession
    (profession_name: from the member's profile, their accepted application, or the
    profession given when their membership was imported)."""
    from fees.models import Payment

    today = today or timezone.localdate()
    latest = Membership.objects.filter(user=OuterRef("pk")).order_by("-end_date", "-start_date", "-pk")
    last_paid = Payment.objects.filter(user=OuterRef("pk"), cancelled_at__isnull=True).order_by("-paid_on", "-pk")
    last_import = latest.filter(source=Membership.Source.IMPORT)
    profile = MemberProfilePage.objects.filter(member=OuterRef("pk")).order_by("pk")
    application = Application.objects.filter(
        member=OuterRef("pk"), status=Application.Status.ACCEPTED
    ).order_by("-decided_at", "-pk")
    return (
        get_user_model()
        .objects.filter(Exists(Membership.objects.filter(user=OuterRef("pk"))))
        .annotate(
            membership_start=Subquery(latest.values("start_date")[:1]),
            membership_end=Subquery(latest.values("end_date")[:1]),
            membership_source=Subquery(latest.values("source")[:1]),
            last_payment=Coalesce(
                Subquery(last_paid.values("paid_on")[:1]),
                Subquery(last_import.values("start_date")[:1]),
                output_field=DateField(),
            ),
            profession_name=Coalesce(
                Subquery(profile.values("profession__name")[:1]),
                Subquery(application.values("profession__name")[:1]),
                Subquery(latest.exclude(profession=None).values("profession__name")[:1]),
                Value(""),
                output_field=CharField(),
            ),
            full_name=Concat("first_name", Value(" "), "last_name", output_field=CharField()),
        )
        .annotate(
            # The rules of network.membership.state_of, in the same order.
            membership_state=Case(
                When(membership_end__lt=today, then=Value(State.LAPSED)),
                When(membership_start__gt=today, then=Value(State.ACTIVE)),
                When(membership_source=Membership.Source.ACCEPTANCE, then=Value(State.AWAITING_FIRST_FEE)),
                When(
                    membership_end__lt=today + datetime.timedelta(days=ENDING_SOON_DAYS),
                    then=Value(State.ENDING),
                ),
                default=Value(State.ACTIVE),
                output_field=CharField(),
            )
        )
    )


def state_label(code):
    return str(State.LABELS.get(code, ""))


class MembersFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("État de l'adhésion"),
        field_name="membership_state",
        choices=[(state, State.LABELS[state]) for state in LISTED_STATES],
        empty_label=_("Tous"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = get_user_model()
        fields = []


class MembersPermissionPolicy(ModelPermissionPolicy):
    """Viewing the list of members, with network.view_membership; nothing else."""

    def __init__(self):
        super().__init__("network.Membership")

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class MembersIndexView(HelloAssoProblemNoticeMixin, SpreadsheetExportMixin, IndexView):
    any_permission_required = ["view"]
    page_title = _("Adhérent·es")
    custom_field_preprocess = {
        "membership_state": {IndexView.FORMAT_CSV: state_label, IndexView.FORMAT_XLSX: state_label},
    }

    @property
    def permission_policy(self):
        return MembersPermissionPolicy()

    def get_base_queryset(self):
        return members_queryset()

    def search_queryset(self, queryset):
        """Names and e-mails containing the words typed, whatever the case of any letter: in
        Python, as SQLite's LIKE folds ASCII letters only ("É" missed "Zoé" there). A few
        thousand accounts at most."""
        if not self.is_searching or "\x00" in self.search_query:  # garbage is ignored
            return queryset
        typed = self.search_query.lower()
        accounts = get_user_model().objects.filter(memberships__isnull=False).distinct()
        ids = [
            pk for pk, first_name, last_name, email in accounts.values_list("pk", "first_name", "last_name", "email")
            if typed in f"{first_name} {last_name}".lower() or typed in email.lower()
        ]
        return queryset.filter(pk__in=ids)

    def order_queryset(self, queryset):
        """The column asked for, then the account: without a last key PostgreSQL returns ties
        (same name, same end date) in any order, and pages repeat or skip someone. A missing
        last payment counts as the earliest date, on PostgreSQL as on SQLite."""
        ordering = self.ordering if isinstance(self.ordering, (list, tuple)) else [self.ordering]
        keys = [
            {"last_payment": F("last_payment").asc(nulls_first=True),
             "-last_payment": F("last_payment").desc(nulls_last=True)}.get(key, key)
            for key in ordering if key
        ]
        return queryset.order_by(*keys, "pk")

    def get_page_title(self):
        return self.page_title

    @property
    def no_results_message(self):
        return _("Aucun·e adhérent·e ne correspond.")


class StateColumn(Column):
    def get_value(self, instance):
        return state_label(instance.membership_state)


class DayColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


class MembersViewSet(ModelViewSet):
    """Everyone who has or had a membership: a read-only list for the treasurer."""

    model = get_user_model()
    name = "fees_members"
    url_prefix = "cotisations/adherents"
    icon = "group"
    menu_label = _("Adhérent·es")
    add_to_admin_menu = False
    menu_hook = "register_fees_menu_item"
    menu_order = 200
    index_view_class = MembersIndexView
    index_template_name = "wagtailadmin/generic/index.html"
    index_results_template_name = "wagtailadmin/generic/index_results.html"
    filterset_class = MembersFilterSet
    search_fields = ["full_name", "email"]
    search_backend_name = None
    ordering = ["last_name", "first_name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("full_name", label=_("Nom"), sort_key="last_name"),
        Column("email", label=_("E-mail"), sort_key="email"),
        Column("profession_name", label=_("Profession"), sort_key="profession_name"),
        StateColumn("membership_state", label=_("État")),
        DayColumn("membership_end", label=_("Fin de l'adhésion"), sort_key="membership_end"),
        DayColumn("last_payment", label=_("Dernier paiement"), sort_key="last_payment"),
    ]
    list_export = ["last_name", "first_name", "email", "profession_name", "membership_state", "membership_end",
                   "last_payment"]
    export_headings = {
        "last_name": _("Nom"),
        "first_name": _("Prénom"),
        "email": _("E-mail"),
        "profession_name": _("Profession"),
        "membership_state": _("État"),
        "membership_end": _("Fin de l'adhésion"),
        "last_payment": _("Dernier paiement"),
    }
    export_filename = "adherents"

    menu_item_class = partial(RestrictedMenuItem, permission=PERMISSION)

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        # No add, edit, copy, inspect or delete here: accounts are managed elsewhere.
        for name in ("add_url_name", "edit_url_name", "copy_url_name", "inspect_url_name", "delete_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def on_register(self):
        # Only the menu item: see the module docstring.
        ViewSet.on_register(self)

