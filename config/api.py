"""Wagtail's headless APIs.

v2 (`/api/v2/`): read-only; anonymous callers get live public pages only.
v3 (`/api/v3/`): Wagtail 8's preview API; reads follow the same rules for anonymous callers,
writes need an API token and the token user's Wagtail permissions. Its docs and schema are
switched off in production (WAGTAILAPI_DOCS_ENABLED).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
