"""Wagtail's headless APIs.

v2 (`/api/v2/`): read-only; anonymous callers get live public pages only.
Lapsed members' profiles: v2 leaves them out at once; v3 (which has no hook for it) from
the nightly job that unpublishes them, one minute after midnight, when memberships end.
v3 (`/api/v3/`): Wagtail 8's preview API; reads follow the same rules for anonymous callers,
writes need an API token and the token user's Wagtail permissions. Its docs and schema are
switched off in production (WAGTAILAPI_DOCS_ENABLED).
"""

import json
import re

from django.http import JsonResponse
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.hooks import public_pages


class ListedPagesAPIViewSet(PagesAPIViewSet):
    """Pages, less what the apps leave out of every public channel (home/hooks.py,
    PUBLIC_PAGES): the profiles of members whose membership has lapsed since the nightly job
    last unpublished them, the members' vignette library and members-only workshop resources,
    for everyone, session or not: members read them on the site, where the membership's end
    date is checked (v2 would let a lapsed member's session in)."""

    def get_base_queryset(self):

        return public_pages(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ListedPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)


# -- Bad input ------------------------------------------------------------------------------

API_PREFIXES = ("/api/v2/", "/api/v3/")
# Pagination: plain digits, and no more than a database can count (PostgreSQL's bigint and
# SQLite's integer overflow beyond 2**63: a 500 before this check).
PAGINATION = {"offset": 10**9, "limit": 10**9}
MAX_PARAMETERS = 100


def bad_request(message):
    return JsonResponse({"message": message}, status=400)


def refusal(request):
    """Why the query string of an API request is refused, or None. NUL characters (PostgreSQL
    refuses them in any string: a 500 in search, filters, ordering), pagination that is not a
    small non-negative integer, an id that is not a whole number, more parameters than any
    real request sends."""
    values = [(key, value) for key, values in request.GET.lists() for value in values]
    if len(values) > MAX_PARAMETERS:
        return f"too many query parameters (at most {MAX_PARAMETERS})"
    for key, value in values:
        if "\x00" in key or "\x00" in value:
            return f"query parameter {key.replace(chr(0), '')!r} contains a NUL character"
        if key in PAGINATION and not (re.fullmatch(r"[0-9]{1,10}", value) and int(value) <= PAGINATION[key]):
            return f"{key} must be an integer between 0 and {PAGINATION[key]}"
        if key == "id" and not re.fullmatch(r"[0-9]{1,18}", value):
            # pages/find/?id= passes it to the database unchecked (a 500 on "" or "abc"), and
            # beyond 2**63 PostgreSQL's bigint overflows.
            return "id must be a whole number"
        if key == "search_operator" and value not in ("and", "or"):
            # v2 passes it to the search backend, which raises a ValueError (a 500).
            return "search_operator must be 'and' or 'or'"
    return None


class APIBadInputMiddleware:
    """Unknown, repeated or absurd query parameters on API v2 and v3 are ignored or refused
    with a 400 and a JSON message, never a 500, for every endpoint mounted (pages, images,
    documents, sites, redirects, snippets…): what the endpoints' own validation lets through
    to the database is refused here. API v3 (django-ninja) refuses a malformed query
    parameter with a 422; on a read that is turned into a 400 with the same problem details,
    as v2 answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIXES):
            return self.get_response(request)
        message = refusal(request)
        if message is not None:
            return bad_request(message)
        response = self.get_response(request)
        if (request.path.startswith("/api/v3/") and request.method in ("GET", "HEAD")
                and response.status_code == 422 and response.get("Content-Type", "").startswith("application/problem+json")):
            try:
                problem = json.loads(response.content)
            except ValueError:
                return bad_request("invalid query parameters")
            problem.update(status=400, title="Bad Request")
            response.status_code = 400
            response.content = json.dumps(problem).encode()
        return response
