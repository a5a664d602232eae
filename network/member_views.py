"""The members' own space ("Mon espace"), on the public site."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home import hooks as site_hooks
from network import member_space
from network.charter import needs_signature, required_version
from network.member_forms import ConfirmPasswordForm, ProfileForm
from fees.membership import latest_membership
from network.models import CharterPage, Membership, ProfileUpdate
from resources.library import library_page


def review_state(update):
    """How a change waiting for review stands, for the member."""
    if update is None:
        return None
    state = update.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.get_comment() if task_state else ""
        return {"status": "needs_changes", "comment": comment, "update": update}
    return {"status": "in_review", "update": update}


def fees_context(request, user, membership, today):
    from wagtail.models import Site

    from fees import membership as fees_rules

    return {
        "membership_state": fees_rules.state_of(membership, today),
        **fees_rules.how_to_pay(Site.find_for_request(request)),
        "payments": user.payments.select_related("membership").order_by("-paid_on", "-receipt_sequence"),
    }


@login_required
def dashboard(request):
    user = request.user
    profile = member_space.member_profile(user)
    today = timezone.localdate()
    membership = latest_membership(user)
    if membership is None and profile is None:
        # Someone who is not a member (a coordinator, say) may have a space of their own,
        # which the app that gives it tells (home/hooks.py).
        elsewhere = site_hooks.member_space_entry(request)
        if elsewhere:
            return redirect(elsewhere)
    current = Membership.objects.current(today).filter(user=user).order_by("start_date").first()
    version = required_version()
    signature = user.charter_signatures.filter(charter_version=version).first() if version else None
    context = {
        "profile": profile,
        "membership": membership,
        "membership_current": current is not None,
        "current_membership": current,
        **fees_context(request, user, membership, today),
        "required_version": version,
        "signature": signature,
        "needs_signature": needs_signature(user),
        "pending": review_state(member_space.open_update(profile)) if profile else None,
        "erasure_request": user.erasure_requests.filter(completed_at__isnull=True).first(),
        "library": library_page(),
    }
    return render(request, "network/member_space/dashboard.html", context)


@login_required
def edit_profile(request):
    profile = member_space.member_profile(request.user)
    if profile is None:
        raise Http404
    pending = member_space.open_update(profile)
    # The form works on its own copy of the profile as last saved: only the fields chosen
    # below reach the profile.
    form_instance = member_space.current_content(profile)
    saved = member_space.current_content(profile)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=form_instance, user=request.user, pending=pending)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                request.user.phone = data["phone"]
                request.user.save(update_fields=["phone"])
                member_space.publish_immediate_changes(profile, data, request.user)
                reviewed = form.reviewed_changes(saved, pending)
                if reviewed:
                    member_space.submit_for_review(
                        profile,
                        request.user,
                        presentation=data["presentation"],
                        photo=data.get("new_photo"),
                        photo_alt=data["photo_alt"],
                        remove_photo=data.get("remove_photo", False),
                    )
            messages.success(request, _("Vos informations pratiques sont à jour sur votre fiche."))
            if reviewed:
                messages.info(
                    request,
                    _("Votre présentation et votre photo seront visibles après relecture par l'équipe éditoriale."),
                )
            return redirect("network:member_space")
        messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré, corrigez les champs indiqués."))
    else:
        form = ProfileForm(instance=form_instance, user=request.user, pending=pending)
    return render(
        request,
        "network/member_space/profile_form.html",
        {"form": form, "profile": profile, "pending": review_state(pending)},
    )


@login_required
@require_POST
def leave_directory(request):
    profile = member_space.member_profile(request.user)
    if profile is not None:
        member_space.leave_directory(profile, request.user)
        messages.success(request, _("Votre fiche n'apparaît plus dans l'annuaire. Vous pouvez y revenir à tout moment."))
    return redirect("network:member_space")


@login_required
@require_POST
def rejoin_directory(request):
    profile = member_space.member_profile(request.user)
    if profile is not None:
        if member_space.rejoin_directory(profile, request.user):
            messages.success(request, _("Votre fiche est de nouveau dans l'annuaire."))
        else:
            messages.error(request, _("Votre adhésion n'est pas à jour : la fiche reviendra dans l'annuaire après son renouvellement."))
    return redirect("network:member_space")


@login_required
def sign_charter(request):
    version = required_version()
    charter = CharterPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    if request.method == "POST":
        if request.POST.get("accept") == "on" and version:
            member_space.sign_charter(request.user)
            messages.success(request, _("Merci : vous avez signé la version %(version)s de la charte.") % {"version": version})
            return redirect("network:member_space")
        messages.error(request, _("Cochez la case pour signer la charte."))
    return render(request, "network/member_space/sign_charter.html", {"charter": charter, "version": version})


@login_required
def export_data(request, fmt):
    if fmt == "json":
        response = HttpResponse(member_space.member_data_json(request.user), content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        response = HttpResponse(member_space.member_data_csv(request.user), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="parentescence-mes-donnees.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def request_erasure(request):
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erasure = member_space.request_erasure(request.user)
        messages.success(
            request,
            _("Votre demande d'effacement (référence %(reference)s) est enregistrée ; votre fiche a quitté l'annuaire.")
            % {"reference": erasure.reference},
        )
        return redirect("network:member_space")
    return render(request, "network/member_space/erasure.html", {"form": form})


@login_required
def pending_photo(request, pk):
    """A proposed photo, for the member who sent it and the editors who review it."""
    update = get_object_or_404(ProfileUpdate, pk=pk)
    own = update.profile.member_id == request.user.pk
    if not (own or request.user.has_perm("network.change_profileupdate")) or not update.photo:
        raise PermissionDenied if update.photo else Http404
    response = FileResponse(update.photo.open("rb"))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def receipt(request, pk):
    """A member's own receipt; anyone else's is not found."""
    from fees.models import Payment
    from fees.receipts import receipt_response

    return receipt_response(get_object_or_404(Payment.objects.select_related("membership"), pk=pk, user=request.user))
