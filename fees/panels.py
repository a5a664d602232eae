"""The treasurer's summary on the Wagtail dashboard: what needs attention today."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from fees.membership import State


class FeesSummaryPanel(Component):
    name = "fees_summary"
    template_name = "fees/admin/summary_panel.html"
    order = 90  # above the workflow panels

    def get_context_data(self, parent_context):
        from fees.listing import members_queryset
        from fees.models import HelloAssoOrder

        today = timezone.localdate()
        members = members_queryset(today)
        by_state = dict(members.order_by().values_list("membership_state").annotate(n=Count("pk")))
        listing = reverse("fees_members:index")
        context = super().get_context_data(parent_context)
        context["rows"] = [
            (State.LABELS[State.AWAITING_FIRST_FEE], by_state.get(State.AWAITING_FIRST_FEE, 0),
             f"{listing}?state={State.AWAITING_FIRST_FEE}"),
            (State.LABELS[State.ENDING], by_state.get(State.ENDING, 0), f"{listing}?state={State.ENDING}"),
            (State.LABELS[State.LAPSED], by_state.get(State.LAPSED, 0), f"{listing}?state={State.LAPSED}"),
            (State.LABELS[State.ACTIVE], by_state.get(State.ACTIVE, 0), f"{listing}?state={State.ACTIVE}"),
        ]
        context["lapsed_this_month"] = members.filter(
            membership_end__gte=today - datetime.timedelta(days=30), membership_end__lt=today
        ).count()
        user = parent_context["request"].user
        context["unmatched_orders"] = (
            HelloAssoOrder.objects.filter(status=HelloAssoOrder.Status.UNMATCHED).count()
            if user.has_perm("fees.change_helloassoorder")
            else 0
        )
        context["orders_url"] = reverse("fees_helloasso:index")
        if user.has_perm("fees.change_helloassoorder"):
            from fees.helloasso_views import problem_messages

            context["helloasso_problems"] = problem_messages()
        return context
