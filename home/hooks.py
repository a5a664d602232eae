"""The project's own hooks: what shared screens ask the apps instead of importing them.

Wagtail's hook registry (`wagtail.hooks.register`, in each app's `wagtail_hooks.py`) is used
for them, as Wagtail's own dashboard calls `construct_homepage_panels`. An app removed from
INSTALLED_APPS takes its registrations with it; nothing else changes. docs/architecture.md
says who calls each one.

- HEADER_LINKS: `fn(request)` returns the links an app adds to the header's tools for this
  visitor, as (label, url) pairs, or nothing. Called on every page for signed-in visitors.
- PAGE_NOTICES: `fn(request)` returns a notice (HTML, rendered from a template) an app shows
  at the top of every page to this signed-in visitor, or nothing.
- WORKPLACES: `fn(user)` returns the `Workplace` (or None) where this user's work is, for the
  page they land on after logging in, through either log-in page: one place, they go there;
  several, they choose.
- MEMBER_SPACE_ENTRY: `fn(request)` returns the address a signed-in visitor who is neither a
  member nor an applicant should be sent to instead of "Mon espace" (their own space), or None.
  The first answer wins.
- MEMBER_SPACE_PANELS: `fn(request)` returns a `Panel` (or None) for "Mon espace": the cards
  other apps add to the member's space, shown in the panels' `order`.
- MEMBER_DATA: `fn(user)` returns the sections an app adds to a member's data export, as a
  dict {section name: a dict, or a list of dicts}; values are strings, numbers, booleans,
  None or lists of them.
- MEMBER_ERASURE: `fn(user)` erases or anonymises what an app keeps about a member, when the
  board carries out an erasure request, before the account itself is deleted (in the same
  transaction).
- MAIL_CONTEXT: `fn(kind, user)` returns what an app adds to the context of another app's
  e-mail `kind` (for example "network/accepted": how to pay the first fee), or nothing.
- PUBLIC_PAGES: `fn(pages)` returns the page queryset less what the app leaves out of every
  public channel (site search, sitemap, API v2), whatever the visitor's session.
- SITEMAP_ENTRIES: `fn(request, pages)` returns what an app adds to /sitemap.xml beside the
  pages: dicts with `location` (absolute), optionally `lastmod` and `alternates`
  ([{"lang_code", "location"}]). `pages` is the queryset of pages the sitemap lists (live,
  public, every language's tree). Public content only: the sitemap is anonymous.
- CONTENT_BUILD: `fn(builder, site)` builds an app's part of the site's real content
  (`manage.py build_content`), once: `builder.once(key)` tells whether a step is new,
  `builder.built` holds the pages built by key, `builder.data` the seed's data by name. Run in
  order: contact (5), partner structures (10), venues (20), library (30), workshop resources (40).
- DEMO_DATA: `fn(password)` creates an app's demo data for `manage.py create_demo_accounts`
  (development only) and returns the lines to print; `password` is the demo accounts'. Run in
  the hooks' order (`hooks.register(DEMO_DATA, fn, order=…)`): members (10), their payments
  (15), the library (20) and events (30) that use them, families (40), applications (90).
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from wagtail import hooks

HEADER_LINKS = "parentescence_header_links"
WORKPLACES = "parentescence_workplaces"
PAGE_NOTICES = "parentescence_page_notices"
MEMBER_SPACE_ENTRY = "parentescence_member_space_entry"
MEMBER_SPACE_PANELS = "parentescence_member_space_panels"
MEMBER_DATA = "parentescence_member_data"
MEMBER_ERASURE = "parentescence_member_erasure"
MAIL_CONTEXT = "parentescence_mail_context"
PUBLIC_PAGES = "parentescence_public_pages"
SITEMAP_ENTRIES = "parentescence_sitemap_entries"
CONTENT_BUILD = "parentescence_content_build"
DEMO_DATA = "parentescence_demo_data"


def header_links(request):
    links = []
    for fn in hooks.get_hooks(HEADER_LINKS):
        links.extend(fn(request) or ())
    return links


def page_notices(request):
    return [notice for fn in hooks.get_hooks(PAGE_NOTICES) if (notice := fn(request))]


@dataclass
class Workplace:
    """Where a role's work is: its name, its address, a line about it, its place in a choice."""

    order: int
    label: str
    url: str
    description: str = ""


def workplaces(user):
    """This user's workplaces in order, one per address (an editor on the commission has one
    admin)."""
    by_url = {}
    for place in sorted((place for fn in hooks.get_hooks(WORKPLACES) if (place := fn(user))), key=lambda p: p.order):
        by_url.setdefault(place.url, place)
    return list(by_url.values())


def member_space_entry(request):
    for fn in hooks.get_hooks(MEMBER_SPACE_ENTRY):
        url = fn(request)
        if url:
            return url
    return None


@dataclass
class Panel:
    """A card of "Mon espace": its template (a `<section>` with an `h2`), its context, its
    place among the others (the network's own cards: the charter 20, the profile 30; the data
    card is always last)."""

    order: int
    template_name: str
    context: dict = field(default_factory=dict)

    def render(self, request):
        """The card's HTML, marked safe (a subclass may build it without a template: it then
        escapes its values itself, with format_html)."""
        return render_to_string(self.template_name, self.context, request=request)


def member_space_panels(request):
    """The cards the apps add to "Mon espace" for this member, in order, rendered."""
    panels = [panel for fn in hooks.get_hooks(MEMBER_SPACE_PANELS) if (panel := fn(request))]
    return sorted(panels, key=lambda panel: panel.order)


def member_data(user):
    sections = {}
    for fn in hooks.get_hooks(MEMBER_DATA):
        sections.update(fn(user) or {})
    return sections


def erase_member_data(user):
    for fn in hooks.get_hooks(MEMBER_ERASURE):
        fn(user)


def mail_context(kind, user):
    context = {}
    for fn in hooks.get_hooks(MAIL_CONTEXT):
        context.update(fn(kind, user) or {})
    return context


def public_pages(pages):
    """`pages` less what the apps leave out of every public channel."""
    for fn in hooks.get_hooks(PUBLIC_PAGES):
        pages = fn(pages)
    return pages


def create_demo_data(password):
    """Every app's demo data, in order; yields the lines they report."""
    for fn in hooks.get_hooks(DEMO_DATA):
        yield from fn(password) or ()
