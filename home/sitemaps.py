from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's tree only; ours lists every language's tree
    (the English home page is a translation beside the French one, not below it)."""

    def items(self):
        from home.hooks import public_pages

        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        return (
            public_pages(Page.objects.filter(in_a_tree).live().public())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
