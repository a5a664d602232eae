"""The members' own space ("Mon espace"), on the public site."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home import hooks as site_hooks
from network import member_space
from network.charter import required_version
from network.member_forms import ConfirmPasswordForm, ProfileForm
from network.member_panels import review_state
from network.membership import latest_membership
from network.models import CharterPage, ProfileUpdate


@login_required
def dashboard(request):
    user = request.user
    if latest_membership(user) is None and member_space.member_profile(user) is None:
        # Someone who is not a member (a coordinator, say) may have a space of their own,
        # which the app that gives it tells (home/hooks.py).
        elsewhere = site_hooks.member_space_entry(request)
        if elsewhere:
            return redirect(elsewhere)
    # The cards are the apps' (home/hooks.py, MEMBER_SPACE_PANELS): the network's charter and
    # profile, the fees' membership, the library's and the events' own.
    panels = [panel.render(request) for panel in site_hooks.member_space_panels(request)]
    context = {
        "panels": panels,
        "erasure_request": user.erasure_requests.filter(completed_at__isnull=True).first(),
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
