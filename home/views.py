from django.core.paginator import Paginator
from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search(request):
    """Site search, in the visitor's language, that understands French (home/search/): case,
    accents, singular and plural give the same results. Only live pages without a view
    restriction are ever listed: the search backend itself knows nothing of privacy.

    The index's matches are ranked in SQL and kept when their page is in the (cached) set of
    visible pages; only the page of results shown is loaded, checked again, with its kind and
    an excerpt (home/search/backend.py's search_page). When no page has every word, pages
    with any of them are shown, and the page says so. Any `page` value gives a page (the first or the last)."""
    from home.search.backend import search_page
    from home.search.results import details, excerpt, kind, page_excerpt, results_page, specific_pages
    from home.search.text import query_terms

    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    terms = query_terms(query)
    requested, broadened = request.GET.get("page"), False
    page = Paginator(Page.objects.none(), RESULTS_PER_PAGE).get_page(1)
    if terms:
        from home.hooks import public_pages

        # Less what the apps leave out of every public channel (home/hooks.py, PUBLIC_PAGES).
        visible = public_pages(Page.objects.live().public().filter(locale=Locale.get_active()))

        def fetch(operator):
            return lambda start, stop: search_page(visible, query, start, stop, operator=operator)

        page = results_page(fetch(None), requested, RESULTS_PER_PAGE)
        if len(terms) > 1 and not page.paginator.count:
            page, broadened = results_page(fetch("or"), requested, RESULTS_PER_PAGE), True
    shown = [
        # get_url, not {% pageurl %}: the tag looks for the page's translation in the active
        # locale (three queries a result); search results are in that locale already.
        {
            "page": result,
            "url": result.get_url(request),
            "kind": kind(result),
            "details": excerpt(details(result), terms),
            "excerpt": page_excerpt(result, terms),
        }
        for result in specific_pages(list(page))
    ]
    return render(
        request, "home/search.html", {"query": query, "results": page, "shown": shown, "broadened": broadened}
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    """A branded 404, in the language of the requested URL."""
    # Not for search engines: no canonical address either (templates/includes/meta_tags.html).
    return render(request, "404.html", {"meta_robots": "noindex"}, status=404)


@requires_csrf_token
def server_error(request):
    """A branded 500 that needs no database and shows nothing of the error."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
