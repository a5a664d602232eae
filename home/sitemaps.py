from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail import hooks as wagtail_hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def alternates(versions):
    """The sitemap's `xhtml:link` alternates of one page: each language's version, itself
    included, and `x-default` for the default language's (Google's recommendation)."""
    links = [{"lang_code": code, "location": url} for code, url in sorted(versions.items())]
    if len(links) > 1 and settings.LANGUAGE_CODE in versions:
        links.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]})
    return links if len(links) > 1 else []


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's tree only; ours lists every language's tree
    (the English home page is a translation beside the French one, not below it), each page
    with its translations as `hreflang` alternates."""

    def pages(self):
        """The live public pages of every language's tree, less what the apps leave out."""
        from home.hooks import public_pages

        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        return public_pages(Page.objects.filter(in_a_tree).live().public())

    def items(self):
        return self.pages().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_location = self._versions_by_location()
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls

    def _versions_by_location(self):
        """{a page's address: its alternates}, from the pages this sitemap lists (a
        translation left out of it is left out of the alternates too)."""
        if not hasattr(self, "_alternates"):
            versions = defaultdict(dict)
            rows = self.pages().select_related("locale").defer_streamfields().specific()
            for page in rows:
                url = page.get_full_url(self.request)
                if url:
                    versions[page.translation_key][page.locale.language_code] = url
            self._alternates = {}
            for by_language in versions.values():
                links = alternates(by_language)
                for url in by_language.values():
                    self._alternates[url] = links
        return self._alternates


class AppEntriesSitemap(Sitemap):
    """What the apps add to the sitemap beside the pages (home/hooks.py's SITEMAP_ENTRIES):
    the calendar's upcoming public events."""

    def items(self):
        from home.hooks import SITEMAP_ENTRIES

        pages = MultilingualSitemap(self.request).pages()
        entries = []
        for fn in wagtail_hooks.get_hooks(SITEMAP_ENTRIES):
            entries.extend(fn(self.request, pages) or ())
        return entries

    def _urls(self, page, protocol, domain):
        # The entries are dicts already shaped as Django's sitemap template reads them.
        return list(self.paginator.page(page).object_list)
