"""The facilitators' workshop resources on the site. Every view here is reached through a
page (WorkshopResourceIndexPage, WorkshopResourcePage). Public resources are for everyone;
members-only ones for who may read the library (resources.access), and their responses are
never cached. Anonymous visitors and lapsed members never see a members-only title."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from network.models import Theme
from resources import access, workshops
from resources.library import document_response
from resources.models import WorkshopResourcePage

PER_PAGE = 20

# The form's labels: (label, the "no filter" option).
FILTER_LABELS = {
    "periode": (_("Période"), _("Toutes")),
    "participants": (_("Participant·es"), _("Tous")),
    "theme": (_("Thème"), _("Tous")),
    "format": (_("Format"), _("Tous")),
    "action": (_("Action"), _("Toutes")),
}

# GET parameter -> (model field, choices). Plain French parameter names, as elsewhere.
CHOICE_FILTERS = {
    "periode": ("period", WorkshopResourcePage.Period),
    "participants": ("participants", WorkshopResourcePage.Participants),
    "format": ("format", WorkshopResourcePage.Format),
    "action": ("action", WorkshopResourcePage.Action),
}


def readable_resources(page, user):
    """The live resources under `page` that `user` may read."""
    resources = WorkshopResourcePage.objects.child_of(page).live()
    if not access.can_read_library(user):
        resources = resources.filter(members_only=False)
    return resources


def selected_filters(request):
    """The filters asked for; unknown values are ignored."""
    selected = {}
    for name, (_field, choices) in CHOICE_FILTERS.items():
        value = request.GET.get(name, "")
        if value in choices.values:
            selected[name] = value
    return selected


def filter_resources(resources, selected, theme):
    for name, value in selected.items():
        field = CHOICE_FILTERS[name][0]
        if field == "period" and value != WorkshopResourcePage.Period.ALL:
            # A resource for the whole period (pregnancy to 3 years) fits each part of it.
            resources = resources.filter(period__in=[value, WorkshopResourcePage.Period.ALL])
        else:
            resources = resources.filter(**{field: value})
    if theme is not None:
        resources = resources.filter(themes=theme)
    return resources


def choice_filter(name, selected):
    choices = CHOICE_FILTERS[name][1]
    return {"name": name, "label": FILTER_LABELS[name][0], "all": FILTER_LABELS[name][1],
            "choices": choices.choices, "value": selected.get(name, "")}


def theme_filter(themes, theme):
    return {"name": "theme", "label": FILTER_LABELS["theme"][0], "all": FILTER_LABELS["theme"][1],
            "choices": [(item.slug, item.label) for item in themes], "value": theme.slug if theme else ""}


def resource_index(request, page):
    reader = access.can_read_library(request.user)
    visible = readable_resources(page, request.user)
    selected = selected_filters(request)
    # Only the themes of resources this visitor may read: a members-only resource's themes
    # say nothing to who may not read it.
    themes = list(Theme.objects.filter(workshop_resources__in=visible).distinct())
    theme = next((item for item in themes if item.slug == request.GET.get("theme")), None)
    resources = filter_resources(visible, selected, theme).order_by("title").prefetch_related("themes")
    paginator = Paginator(resources, PER_PAGE)
    shown = paginator.get_page(request.GET.get("page"))
    querystring = dict(selected)
    if theme is not None:
        querystring["theme"] = theme.slug
    filter_groups = [
        {"legend": _("Pour qui, à quel moment"), "filters": [choice_filter("periode", selected), choice_filter("participants", selected)]},
        {"legend": _("Thème et format"), "filters": ([theme_filter(themes, theme)] if themes else [])
         + [choice_filter("format", selected), choice_filter("action", selected)]},
    ]
    context = {
        "page": page,
        "results": shown,
        "reader": reader,
        "filter_groups": filter_groups,
        "filtered": bool(querystring),
        "querystring": urlencode(querystring),
    }
    response = TemplateResponse(request, "resources/workshop_resource_index_page.html", context)
    # A reader's list holds members-only titles: never stored by a browser or a cache.
    return access.private(response) if reader else response


def resource_detail(request, page):
    if not workshops.can_read(request.user, page):
        return access.refuse(request)
    context = {
        "page": page,
        "documents": workshops.page_documents(page),
        "themes": page.themes.all(),
        "professions": page.professions.all(),
    }
    response = TemplateResponse(request, "resources/workshop_resource_page.html", context)
    return access.private(response) if page.members_only else response


def resource_document(request, page, document_id):
    """A document of the published version only (the page served is the live row; a draft's
    documents are revisions), to who may read the page."""
    if not page.live:
        raise Http404
    if not workshops.can_read(request.user, page):
        return access.refuse(request)
    document = workshops.page_document(page, document_id)
    if document is None:
        raise Http404
    if workshops.document_is_private(page, document):
        if not access.can_read_library(request.user):
            return access.refuse(request)
        return access.private(document_response(document))
    return document_response(document)
