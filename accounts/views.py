from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts.forms import MemberPasswordResetForm, reset_requests_exceeded


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    form_class = MemberPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_sent")

    def post(self, request, *args, **kwargs):
        if reset_requests_exceeded(request):
            messages.error(request, _("Trop de demandes depuis cette adresse : réessayez dans une heure."))
            return redirect("accounts:password_reset")
        return super().post(request, *args, **kwargs)
