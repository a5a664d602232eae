"""The treasurer's screens in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from fees import membership as rules
from fees.models import Payment
from fees.receipts import receipt_response


class PaymentCreateView(generic.CreateView):
    def save_instance(self):
        if self.form.instance.pk is not None:
            raise PermissionDenied  # never an existing payment
        data = self.form.cleaned_data
        return rules.record_payment(
            data["user"],
            paid_on=data["paid_on"],
            amount=data["amount"],
            method=data["method"],
            reference=data["reference"],
            recorded_by=self.request.user,
        )

    def get_success_message(self, instance):
        membership = instance.membership
        return _("Paiement enregistré : reçu %(number)s envoyé à %(name)s, adhésion valable jusqu'au %(end)s.") % {
            "number": instance.receipt_number,
            "name": instance.payer_name,
            "end": membership.end_date.strftime("%d/%m/%Y") if membership else "—",
        }

    def get_success_buttons(self):
        return []  # a payment is never edited: its receipt has been sent

    def get_success_url(self):
        return reverse(self.index_url_name)


def receipt_pdf(request, pk):
    if not request.user.has_perm("fees.view_payment"):
        raise PermissionDenied
    return receipt_response(get_object_or_404(Payment.objects.select_related("membership"), pk=pk))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de l'annulation"),
        max_length=200,
        help_text=gettext_lazy("Par exemple : saisie en double, mauvais·e membre, chèque sans provision. "
                               "Le motif est communiqué au ou à la membre."),
    )


def cancel_payment(request, pk):
    """Cancel a payment recorded by mistake (confirmation page with the reason)."""
    if not request.user.has_perm("fees.cancel_payment"):
        raise PermissionDenied
    payment = get_object_or_404(Payment.objects.select_related("membership"), pk=pk)
    index = reverse("payments:index")
    if payment.cancelled:
        messages.warning(request, _("Ce paiement est déjà annulé."))
        return redirect(index)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payment = rules.cancel_payment(payment, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if payment.member_told:
                text = _("Paiement du reçu %(number)s annulé ; %(name)s en est informé·e par e-mail.")
            else:
                text = _("Paiement du reçu %(number)s annulé (aucun e-mail : %(name)s n'a plus de compte).")
            messages.success(request, text % {"number": payment.receipt_number, "name": payment.payer_name})
            return redirect(index)
    return render(request, "fees/admin/cancel_payment.html", {"payment": payment, "form": form, "index_url": index})
