from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from fees import membership as rules
from fees.models import Payment


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.last_name.upper()} {user.first_name} — {user.email}"


def payable_members():
    """Everyone who is or was a member of the network."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name="Members") | Q(memberships__isnull=False))
        .distinct()
        .order_by("last_name", "first_name")
    )


class PaymentForm(WagtailAdminModelForm):
    """The treasurer records a membership fee received."""

    user = MemberChoiceField(queryset=payable_members(), label=_("Membre"))

    class Meta:
        model = Payment
        fields = ["user", "paid_on", "amount", "method", "reference"]
        widgets = {"paid_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = payable_members()
        # HelloAsso payments come in through the receiver or its queue only: typed in by hand,
        # the same money would be recorded again when HelloAsso's notification arrives.
        self.fields["method"].choices = [
            choice for choice in self.fields["method"].choices if choice[0] != Payment.Method.HELLOASSO
        ]
        if not self.is_bound:
            self.initial.setdefault("amount", rules.fee_amount())
            self.initial.setdefault("paid_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        try:
            rules.check_payment(cleaned.get("amount"), cleaned.get("paid_on"))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return cleaned
