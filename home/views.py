from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Site search, in the visitor's language. Only live pages without a view restriction
    are ever listed: the search backend itself knows nothing of privacy."""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    results = Page.objects.none()
    if query:
        from network.directory import unlisted_profile_ids
        from resources.access import without_members_only

        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            # A lapsed member's profile is unpublished by a nightly job; until then, it is
            # left out here as it is everywhere else.
            .exclude(id__in=unlisted_profile_ids())
        )
        results = without_members_only(results).search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(request, "home/search.html", {"query": query, "results": page})


@requires_csrf_token
def page_not_found(request, exception=None):
    """A branded 404, in the language of the requested URL."""
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """A branded 500 that needs no database and shows nothing of the error."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
