"""The library on the public site. Every view here is reached through a page of the library
(VignetteLibraryPage, VignettePage), whose serve() has already checked the reader may read
(resources.access) and marks the response private."""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import Theme
from resources import anonymisation, library
from resources.forms import ContributionForm, SynthesisForm
from resources.models import Contribution, Event, VignettePage

PER_PAGE = 20


def library_index(request, page):
    # Ties (published at the same instant) by creation, newest first: without it PostgreSQL
    # may return equal rows in any order, and pages repeat or skip a vignette.
    vignettes = VignettePage.objects.child_of(page).live().order_by("-first_published_at", "-pk")
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    period = request.GET.get("periode", "")
    theme = Theme.objects.filter(slug=request.GET.get("theme", "").replace("\x00", "")).first()  # NUL: PostgreSQL refuses it
    if period in VignettePage.Period.values:
        vignettes = vignettes.filter(period=period)
    if theme is not None:
        vignettes = vignettes.filter(themes=theme)
    if query:
        # The search backend filters on its filter fields only (period, id): the theme, a
        # relation, becomes a list of ids. Only the page shown is fetched (the paginator).
        searched = VignettePage.objects.child_of(page).live()
        if period in VignettePage.Period.values:
            searched = searched.filter(period=period)
        if theme is not None:
            searched = searched.filter(pk__in=list(theme.vignettes.live().values_list("pk", flat=True)))
        results = searched.search(query)
    else:
        results = vignettes.prefetch_related("themes")
    paginator = Paginator(results, PER_PAGE)
    page_number = request.GET.get("page")
    shown = paginator.get_page(page_number)
    if query:
        shown.object_list = list(shown.object_list)
        prefetch_related_objects(shown.object_list, "themes")
    context = {
        "page": page,
        "results": shown,
        "query": query,
        "period": period,
        "theme": theme,
        "periods": VignettePage.Period.choices,
        # The chosen theme shows even with no vignette left, so it can be seen and removed.
        "themes": Theme.objects.filter(Q(vignettes__live=True) | Q(pk=theme.pk if theme else None)).distinct(),
        "querystring": urlencode({key: value for key, value in (
            ("q", query), ("periode", period), ("theme", theme.slug if theme else "")) if value}),
        "filtered": bool(query or period in VignettePage.Period.values or theme),
        "upcoming": library.meetings().filter(start__gte=timezone.now()).order_by("start")[:5],
        "past": library.meetings().filter(start__lt=timezone.now()).order_by("-start")[:5],
    }
    return TemplateResponse(request, "resources/vignette_library_page.html", context)


def vignette_context(page, request, form=None, warnings=None):
    return {
        "page": page,
        "groups": library.contributions_by_profession(page, request.user),
        "form": form or ContributionForm(),
        "warnings": warnings,
        "events": page.events.filter(kind__in=Event.NETWORK_KINDS).order_by("-start"),
        "attachments": [block.value for block in page.attachments if block.value is not None],
    }


WARNING = gettext_lazy("Votre texte contient peut-être des éléments qui permettraient de reconnaître une famille "
            "(surlignés ci-dessous). Modifiez-les, ou renvoyez tel quel s'il n'y a rien d'identifiant.")


def digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def unconfirmed_warnings(text, checked):
    """Likely identifying elements in a member's text, unless this very text was already
    shown back to them highlighted (they sent it again as it was)."""
    if not text:
        return None
    matches = anonymisation.scan(text, library.structure_names())
    if not matches or checked == digest(text):
        return None
    return anonymisation.highlight(text, matches)


def vignette_detail(request, page):
    form = None
    warnings = None
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["text"]
            warnings = unconfirmed_warnings(text, form.cleaned_data["checked"])
            if warnings:
                form = ContributionForm(initial={"text": text, "checked": digest(text)})
                messages.warning(request, str(WARNING))
            else:
                contribution = library.add_contribution(page, request.user, text)
                messages.success(request, _("Votre regard est ajouté."))
                return redirect(f"{page.url}#regard-{contribution.pk}")
        else:
            messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré."))
    return TemplateResponse(request, "resources/vignette_page.html", vignette_context(page, request, form, warnings))


def own_contribution(page, request, pk):
    contribution = get_object_or_404(Contribution, pk=pk, vignette=page)
    if contribution.author_id != request.user.pk:
        raise PermissionDenied
    return contribution


def edit_contribution(request, page, pk):
    contribution = own_contribution(page, request, pk)
    warnings = None
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["text"]
            warnings = None if text == contribution.text else unconfirmed_warnings(text, form.cleaned_data["checked"])
            if warnings:
                form = ContributionForm(initial={"text": text, "checked": digest(text)})
                messages.warning(request, str(WARNING))
            else:
                contribution.text = text
                contribution.save(update_fields=["text", "updated_at"])
                messages.success(request, _("Votre regard est modifié."))
                return redirect(f"{page.url}#regard-{contribution.pk}")
        else:
            messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré."))
    else:
        form = ContributionForm(initial={"text": contribution.text})
    return TemplateResponse(
        request, "resources/contribution_form.html",
        {"page": page, "contribution": contribution, "form": form, "warnings": warnings},
    )


def delete_contribution(request, page, pk):
    """A confirmation page, then the deletion (POST)."""
    contribution = own_contribution(page, request, pk)
    if request.method != "POST":
        return TemplateResponse(request, "resources/contribution_delete.html", {"page": page, "contribution": contribution})
    contribution.delete()
    messages.success(request, _("Votre regard est supprimé."))
    return redirect(page.url)


def meeting_detail(request, page, pk):
    event = get_object_or_404(library.meetings(), pk=pk)
    can_write = library.can_write_synthesis(event, request.user)
    form = None
    warnings = None
    if can_write:
        if request.method == "POST":
            form = SynthesisForm(request.POST, request.FILES)
            warnings = form.is_valid() and unconfirmed_warnings(form.cleaned_data["synthesis"], form.cleaned_data["checked"])
            if warnings:
                text = form.cleaned_data["synthesis"]
                form = SynthesisForm(initial={"synthesis": text, "checked": digest(text)})
                messages.warning(request, str(WARNING) + " " + _("Le document éventuel est à joindre de nouveau."))
            elif form.is_valid():
                library.save_synthesis(event, request.user, form.cleaned_data["synthesis"], form.cleaned_data["document"])
                messages.success(request, _("La synthèse est enregistrée ; les membres la voient dans la bibliothèque."))
                return redirect(page.url + page.reverse_subpage("meeting", args=[event.pk]))
            else:
                messages.error(request, _("Le formulaire contient des erreurs : rien n'a été enregistré."))
        else:
            form = SynthesisForm(initial={"synthesis": event.synthesis})
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "page": page,
        "event": event,
        "warnings": warnings,
        "vignettes": event.vignettes.live().order_by("title"),
        "form": form,
    }
    return TemplateResponse(request, "resources/meeting.html", context)
