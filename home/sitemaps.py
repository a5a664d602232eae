from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's tree only; ours lists every language's tree
    (the English home page is a translation beside the French one, not below it)."""

    def items(self):
        from network.directory import unlisted_profile_ids

        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        from resources.access import without_members_only

        return (
            without_members_only(Page.objects.filter(in_a_tree))
            .live()
            .public()
            .exclude(id__in=unlisted_profile_ids())  # lapsed members, until the nightly job
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
