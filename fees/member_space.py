"""What the fees app adds to the members' space and to other apps' screens, through the
project's hooks (home/hooks.py): the membership card of "Mon espace" with the receipts, the
payments in a member's data export, how to pay in the welcome e-mail."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.models import Site

from fees import membership as rules
from fees.models import HelloAssoInstalment, Payment
from fees.receipts import receipt_response
from home.hooks import Panel
from network.models import Membership


def membership_panel(request):
    """The member's membership, its state, how to pay, and their receipts."""
    user = request.user
    today = timezone.localdate()
    membership = rules.latest_membership(user)
    current = Membership.objects.current(today).filter(user=user).order_by("start_date").first()
    return Panel(10, "fees/member_space/membership_panel.html", {
        "membership": membership,
        "membership_current": current is not None,
        "current_membership": current,
        "membership_state": rules.state_of(membership, today),
        **rules.how_to_pay(Site.find_for_request(request)),
        "payments": user.payments.select_related("membership").order_by("-paid_on", "-receipt_sequence"),
        "pending_instalments": HelloAssoInstalment.objects.filter(
            order__member=user, status=HelloAssoInstalment.Status.PENDING, payment__isnull=True
        ).order_by("paid_on"),
    })


def payments_data(user):
    return {
        "payments": [
            {
                "receipt_number": p.receipt_number,
                "paid_on": p.paid_on.isoformat(),
                "amount": str(p.amount),
                "method": p.method,
                "reference": p.reference,
                "cancelled_at": p.cancelled_at.isoformat() if p.cancelled_at else None,
                "cancellation_reason": p.cancellation_reason,
            }
            for p in user.payments.all()
        ]
    }


def welcome_mail_context(kind, user):
    """How to pay the first fee, in the e-mail that welcomes a new member."""
    if kind == "network/accepted":
        return rules.how_to_pay()
    return None


@login_required
def receipt(request, pk):
    """A member's own receipt; anyone else's is not found."""
    return receipt_response(get_object_or_404(Payment.objects.select_related("membership"), pk=pk, user=request.user))
