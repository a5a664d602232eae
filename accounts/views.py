from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView as WagtailLoginView

from accounts.forms import MemberPasswordResetForm, reset_requests_exceeded
from accounts.security import unlock_account
from home import hooks as site_hooks


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


@login_required
def landing(request):
    """Where someone goes after logging in, through either log-in page, when no page asked
    for it: where their work is (each app says, home/hooks.py's WORKPLACES). One place: they go
    there; several (a treasurer who is also a member): they choose; none: the member space."""
    places = site_hooks.workplaces(request.user)
    if not places:
        return redirect(resolve_url(settings.ACCOUNTS_DEFAULT_LANDING))
    if len(places) == 1:
        return redirect(places[0].url)
    return render(request, "accounts/landing.html", {"places": places})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """A new password through the e-mailed link: the account's failed log-ins are forgotten."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        unlock_account(form.user.username)
        return response


class AdminLoginView(WagtailLoginView):
    """The admin's log-in page: without a page asked for (the admin's home is what Wagtail
    asks by default), a commission member, the treasurer or a coordinator lands where their
    work is, as through the members' log-in page."""

    def get_success_url(self):
        url = self.get_redirect_url()
        if url and url != reverse("wagtailadmin_home"):
            return url
        return reverse("accounts:landing")
