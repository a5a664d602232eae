"""What search engines and link previews read: robots.txt, the canonical address of a page,
its description, and the schema.org data of the home page.

The apps' own pages say what only they know through their template context, read by
`templates/includes/meta.html` (home/templatetags/seo_tags.py):

- `canonical_url`: the address search engines should keep for what is shown (a filtered
  list points to the unfiltered one; a list's page N > 1 to itself, `?page=N`);
- `meta_description`: a plain-text description;
- `meta_title`: the title previews show (else the page's SEO title or title);
- `meta_robots`: a robots directive ("noindex") for what is not for search engines;
- `og_type`, `og_image_url`, `og_image_alt`: Open Graph's type and image;
- `json_ld`: a dict (or a list of dicts) of schema.org data.
"""

import html
import json
import re

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

DESCRIPTION_LENGTH = 160

# The spaces a crawler has no business in: the admin, the accounts' pages, the members'
# space, the family-support space (named URLs, in every language of the site; an app that
# is not installed is skipped).
PRIVATE_URL_NAMES = ("accounts:login", "network:member_space", "support:home")


def _private_prefixes():
    prefixes = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in PRIVATE_URL_NAMES:
                try:
                    path = reverse(name)
                except NoReverseMatch:
                    continue
                if name == "accounts:login":
                    # The whole of /compte/, not only its log-in page.
                    path = path.rstrip("/").rsplit("/", 1)[0] + "/"
                if path not in prefixes:
                    prefixes.append(path)
    return prefixes


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """/robots.txt: the public site is open; the private spaces are not for crawlers (they
    are behind a log-in anyway); where the sitemap is, at the site's absolute address."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in _private_prefixes()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# -- Canonical addresses ---------------------------------------------------------------------


def canonical_url(request, page_number=None):
    """This address, absolute, without its query string; `?page=N` kept for N > 1 (a list's
    page N shows other items than page 1: it is a page of its own)."""
    url = request.build_absolute_uri(request.path)
    try:
        number = int(page_number) if page_number is not None else 1
    except (TypeError, ValueError):
        number = 1
    return f"{url}?page={number}" if number > 1 else url


# -- Descriptions ----------------------------------------------------------------------------


def plain_text(markup):
    """Text without tags, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup or ""))).strip()


def shorten(text, length=DESCRIPTION_LENGTH):
    """`text` in at most `length` characters, cut after a whole word, with an ellipsis when cut."""
    text = plain_text(text)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut and not text[length - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def first_paragraph(page):
    """The first text of a page: its `intro`, else the first paragraph of its body."""
    for name in ("intro", "introduction"):
        value = getattr(page, name, None)
        if isinstance(value, str) and plain_text(value):
            return value
    body = getattr(page, "body", None)
    if body is not None:
        try:
            blocks = list(body)
        except TypeError:
            blocks = []
        for block in blocks:
            if block.block_type in ("paragraph", "text", "rich_text"):
                source = getattr(block.value, "source", block.value)
                if isinstance(source, str) and plain_text(source):
                    return source
    return ""


def page_description(page, tagline):
    """A page's meta description: its `search_description` when an editor wrote one; else
    what the page says of itself (`seo_description()` when the page type defines one — a
    profile's presentation —, else its introduction or first paragraph); else the tagline."""
    if page is not None:
        if getattr(page, "search_description", ""):
            return shorten(page.search_description)
        own = getattr(page, "seo_description", None)
        text = own() if callable(own) else first_paragraph(page)
        if plain_text(text):
            return shorten(text)
    return shorten(tagline)


# -- The site's name, tagline, image; schema.org data --------------------------------------

DEFAULT_IMAGE = "img/social-card.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
# As Django's json_script: nothing in the data can close the <script> element or open a
# comment, whatever the editors type.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> element, escaped as json_script does."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_SCRIPT_ESCAPES)
    # U+2028/2029 are valid in JSON but ended a line in older JavaScript parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def tagline():
    # The same words as the header's wordmark (base.html).
    return gettext("Accompagner la parentalité en période périnatale")


def site_settings(request):
    """The site's settings, read once per request (shared with base.html's `settings`)."""
    from home.models import SiteSettings

    if Site.find_for_request(request) is None:
        return None
    return SiteSettings.for_request(request)


def organisation_name(request):
    values = site_settings(request)
    return values.organisation_name if values is not None else "Parentescence"


def home_full_url(request):
    """The home page's absolute address in the visitor's language."""
    from home import chrome

    return request.build_absolute_uri(chrome.home_url(request))


def organizer(request):
    """The association as the organiser of an event (schema.org `Organization`, short)."""
    return {"@type": "Organization", "name": organisation_name(request), "url": home_full_url(request)}


def default_image_url(request):
    return request.build_absolute_uri(static(DEFAULT_IMAGE))
