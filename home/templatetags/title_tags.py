"""The document title (<title>): the page's title, then the site's name."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def with_site_name(title, site_name):
    """"<title> · <site name>", or the site name alone when the title is empty or is the site
    name itself (the home page: "Parentescence", not "Parentescence · Parentescence").

    `title` is already rendered (escaped) template output; `site_name` is escaped here."""
    title = str(title).strip()
    site = conditional_escape(site_name)
    if not title or title == site:
        return site
    return mark_safe(f"{title} · {site}")
