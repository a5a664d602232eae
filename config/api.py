"""Wagtail's headless APIs.

v2 (`/api/v2/`): read-only; anonymous callers get live public pages only.
Lapsed members' profiles: v2 leaves them out at once; v3 (which has no hook for it) from
the nightly job that unpublishes them, one minute after midnight, when memberships end.
v3 (`/api/v3/`): Wagtail 8's preview API; reads follow the same rules for anonymous callers,
writes need an API token and the token user's Wagtail permissions. Its docs and schema are
switched off in production (WAGTAILAPI_DOCS_ENABLED).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet



class ListedPagesAPIViewSet(PagesAPIViewSet):
    """Pages, less the profiles of members whose membership has lapsed since the nightly
    job last unpublished them (network.member_space.unpublish_lapsed_profiles), and less the
    members' vignette library and members-only workshop resources for everyone, session or
    not: members read them on the site, where the membership's end date is checked (v2 would
    let a lapsed member's session in)."""

    def get_base_queryset(self):
        from network.directory import unlisted_profile_ids
        from resources.access import without_members_only

        return without_members_only(super().get_base_queryset()).exclude(id__in=unlisted_profile_ids())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ListedPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
