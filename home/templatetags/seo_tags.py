"""The head of every page: canonical address, description, Open Graph, Twitter card and
schema.org data (templates/includes/meta.html; home/seo.py says what the apps' pages may
put in their context)."""

from django import template
from django.utils import translation
from wagtail.models import Page

from home import seo
from home.seo import (
    DEFAULT_IMAGE_SIZE, default_image_url, json_ld_script, organisation_name, site_settings, tagline,
)

register = template.Library()

# Open Graph wants a territory; the site's languages are French of France and English.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def organization(request, page):
    """schema.org `Organization` of the association, for its home page."""
    values = site_settings(request)
    name = values.organisation_name if values is not None else "Parentescence"
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "url": request.build_absolute_uri(page.get_url(request) or "/"),
        "logo": default_image_url(request),
        "image": default_image_url(request),
        "description": tagline(),
    }
    if values is not None:
        if values.address:
            data["address"] = seo.plain_text(values.address)
        contact = {key: value for key, value in (("email", values.email), ("telephone", values.phone)) if value}
        if contact:
            data["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer support", **contact}
            data.update(contact)
        same_as = [link.value["url"] for link in values.social_links if link.value.get("url")]
        if same_as:
            data["sameAs"] = same_as
    return data


@register.inclusion_tag("includes/meta_tags.html", takes_context=True)
def page_meta(context):
    """What meta.html shows for this page (its context may override each part)."""
    request = context.get("request")
    if request is None:  # a template rendered without a request: nothing to say
        return {}
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    site_name = organisation_name(request)
    canonical = context.get("canonical_url") or seo.canonical_url(request)
    title = context.get("meta_title") or (page and (page.seo_title or page.title)) or site_name
    description = context.get("meta_description")
    description = seo.shorten(description) if description else seo.page_description(page, tagline())
    language = translation.get_language() or "fr"
    locale = OG_LOCALES.get(language.split("-")[0], language.replace("-", "_"))
    others = [value for code, value in OG_LOCALES.items() if value != locale]
    json_ld = context.get("json_ld")
    blocks = list(json_ld) if isinstance(json_ld, (list, tuple)) else ([json_ld] if json_ld else [])
    from home.models import HomePage

    if page is not None and isinstance(page.specific_deferred, HomePage):
        blocks.insert(0, organization(request, page))
    image = context.get("og_image_url")
    return {
        "canonical": canonical,
        "robots": context.get("meta_robots", ""),
        "title": title,
        "description": description,
        "site_name": site_name,
        "og_type": context.get("og_type") or "website",
        "og_locale": locale,
        "og_locale_alternates": others,
        "image": image or default_image_url(request),
        "image_size": None if image else DEFAULT_IMAGE_SIZE,
        "image_alt": context.get("og_image_alt") or f"{site_name} — {tagline()}",
        "json_ld": [json_ld_script(block) for block in blocks],
    }
