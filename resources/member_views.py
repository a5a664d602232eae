"""Members' vignettes in "Mon espace": propose one, follow its review, change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from resources import access, library
from resources.forms import VignetteForm
from resources.models import VignettePage


def members_only(view):
    """Logged in, and a current member (or editor, commission): the same rule as reading."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not access.can_read_library(request.user):
            return access.refuse(request)
        return access.private(view(request, *args, **kwargs))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@members_only
def my_vignettes(request):
    vignettes = []
    for page in library.member_vignettes(request.user):
        library.sync_findings(page)
        vignettes.append({
            "page": page,
            "title": library.latest_content(page).title,
            "state": library.vignette_state(page),
            "open": page.findings.filter(status="open").count(),
        })
    return render(request, "resources/member/vignettes.html", {"vignettes": vignettes, "library": library.library_page()})


@members_only
def propose(request):
    if request.method == "POST":
        form = VignetteForm(request.POST, request.FILES)
        if form.is_valid():
            page = library.propose(request.user, form.cleaned_data, form.cleaned_data.get("attachment"))
            messages.success(
                request,
                _("Votre vignette est envoyée en relecture d'anonymisation. Vous serez prévenu·e par e-mail."),
            )
            return redirect("resources:vignette", pk=page.pk)
        messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré, corrigez les champs indiqués."))
    else:
        form = VignetteForm()
    return render(request, "resources/member/vignette_form.html", {"form": form})


def authored(request, pk):
    return get_object_or_404(VignettePage, pk=pk, authors=request.user)


@members_only
def vignette(request, pk):
    """The author's view of their vignette: the latest version as the reviewer sees it, with
    what the check found, and the reviewer's comment when changes are asked."""
    page = authored(request, pk)
    content = library.latest_content(page)
    library.refresh_findings(page, content)
    context = {
        "page": page,
        "content": content,
        "state": library.vignette_state(page),
        "fields": library.highlighted(page, content),
        "attachments": [block.value for block in content.attachments if block.value is not None],
    }
    return render(request, "resources/member/vignette.html", context)


@members_only
def attachment(request, pk, document_id):
    """The author's own attachment, as in the latest version of their vignette."""
    page = authored(request, pk)
    document = library.attachment(library.latest_content(page), document_id)
    if document is None:
        raise Http404
    return library.document_response(document)


@members_only
def edit(request, pk):
    page = authored(request, pk)
    content = library.latest_content(page)
    has_attachment = any(block.value for block in content.attachments)
    if request.method == "POST":
        form = VignetteForm(request.POST, request.FILES, has_attachment=has_attachment)
        if form.is_valid():
            data = form.cleaned_data
            library.update(page, request.user, data, data.get("attachment"), data.get("remove_attachment", False))
            messages.success(request, _("Votre vignette modifiée repart en relecture d'anonymisation."))
            return redirect("resources:vignette", pk=page.pk)
        messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré, corrigez les champs indiqués."))
    else:
        form = VignetteForm(initial=VignetteForm.initial_from(content), has_attachment=has_attachment)
    return render(
        request, "resources/member/vignette_form.html",
        {"form": form, "page": page, "fields": library.highlighted(page, content)},
    )
