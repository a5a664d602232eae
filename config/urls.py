from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api as api_v3
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminLoginView
from config.api import api_router
from home import seo, views as home_views
from home.sitemaps import AppEntriesSitemap, MultilingualSitemap
from resources.documents import serve as serve_document

urlpatterns = [
    # Before Wagtail's: after logging in, each role lands where its work is.
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, with private documents' responses marked never to be cached.
    path("documents/<int:document_id>/<str:document_filename>", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap, "more": AppEntriesSitemap}}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("cotisation/", include("fees.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]

# Images and their renditions are public; nothing else under MEDIA_ROOT is served
# (documents live in private storage and go through Wagtail's serve view).
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
        static_serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
]

# French at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("recherche/", home_views.search, name="search"),
    path("compte/", include("accounts.urls")),
    path("reseau/mon-espace/vignettes/", include("resources.urls")),
    path("reseau/mon-espace/agenda/", include("resources.event_urls")),
    path("reseau/mon-espace/recus/", include("fees.member_urls")),
    path("reseau/", include("network.urls")),
    path("suivi-familles/", include("support.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
