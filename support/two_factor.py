"""The second factor (TOTP, django-otp) required of coordinators and field referents.

After the usual log-in, a person in one of these roles is sent to set up an authenticator app
(a QR code and the key in text, confirmed by a first code), then, at every new session, to type
the app's current code. django-otp throttles wrong codes (the wait doubles after each failure).
The second factor is asked again VERIFIED_SESSION_SECONDS (a working day) after it was passed.
A lost phone: a coordinator resets the person's second factor (*Comptes*), or
`manage.py reset_two_factor <username>`.
"""

import time
from base64 import b32encode
from functools import wraps

import segno
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from support import access

VERIFIED_SESSION_SECONDS = 10 * 60 * 60


THROTTLED = _("Trop d'essais : attendez quelques instants avant de réessayer (l'attente double à chaque erreur).")


VERIFIED_AT = "support_verified_at"


def _verified(request, device):
    request.session.cycle_key()  # a cookie copied before the second factor is worth nothing after
    otp_login(request, device)
    request.session[VERIFIED_AT] = int(time.time())


def _still_verified(request):
    """Verified in this session, less than VERIFIED_SESSION_SECONDS ago (whatever the activity
    since: the second factor is asked again after a working day)."""
    if not request.user.is_verified():
        return False
    if time.time() - request.session.get(VERIFIED_AT, 0) > VERIFIED_SESSION_SECONDS:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        return False
    return True


def _check(device, code, confirm=False):
    """'ok', 'throttled' or 'wrong'. The device's row is locked for the check, so parallel
    guesses each count against the throttle and a code is never accepted twice."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_is_allowed()[0]:
            return "throttled", device
        if not device.verify_token(code):
            return "wrong", device
        if confirm:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        return "ok", device


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code à 6 chiffres de votre application"),
        max_length=6, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("support:home")


def support_view(check=access.has_support_role):
    """A view of the support space: logged in, `check(user)` true, and, for coordinators and
    referents, the second factor verified in this session. No response is ever cached."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = _guarded(request, view, args, kwargs)
            response["Cache-Control"] = "private, no-store"
            return response

        return wrapped

    def _guarded(request, view, args, kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not check(user):
            raise PermissionDenied
        if access.needs_second_factor(user) and not _still_verified(request):
            target = "support:verify_otp" if user_has_device(user) else "support:setup_otp"
            return _redirect_with_next(target, request.get_full_path())
        return view(request, *args, **kwargs)

    return decorator


def _redirect_with_next(route, next_url):
    return redirect(f"{reverse(route)}?{urlencode({'next': next_url})}")


def _role_required(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.needs_second_factor(request.user):
        raise PermissionDenied
    return None


@never_cache
def setup(request):
    refusal = _role_required(request)
    if refusal:
        return refusal
    user = request.user
    if user_has_device(user):
        return _redirect_with_next("support:verify_otp", _next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, device = _check(device, form.cleaned_data["code"], confirm=True)
        if outcome == "ok":
            _verified(request, device)
            return redirect(_next(request))
        form.add_error("code", THROTTLED if outcome == "throttled" else _(
            "Ce code ne correspond pas. Vérifiez l'heure de votre téléphone et tapez le code affiché maintenant."))
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "support/otp_setup.html", {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1b1b1b", light="#ffffff"),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "next": _next(request),
    })


@never_cache
def verify(request):
    refusal = _role_required(request)
    if refusal:
        return refusal
    user = request.user
    if not user_has_device(user):
        return _redirect_with_next("support:setup_otp", _next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, device = _check(TOTPDevice.objects.filter(user=user, confirmed=True).first(), form.cleaned_data["code"])
        if outcome == "ok":
            _verified(request, device)
            return redirect(_next(request))
        form.add_error("code", THROTTLED if outcome == "throttled" else _(
            "Ce code ne correspond pas. Tapez le code affiché maintenant par votre application."))
    return render(request, "support/otp_verify.html", {"form": form, "next": _next(request)})


def reset(user):
    """Forget a person's authenticator (lost phone): they set up a new one at next log-in."""
    return TOTPDevice.objects.filter(user=user).delete()[0]

