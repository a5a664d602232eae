"""The project's own hooks: what shared screens ask the apps instead of importing them.

Wagtail's hook registry (`wagtail.hooks.register`, in each app's `wagtail_hooks.py`) is used
for them, as Wagtail's own dashboard calls `construct_homepage_panels`. An app removed from
INSTALLED_APPS takes its registrations with it; nothing else changes.

- HEADER_LINKS: `fn(request)` returns the links an app adds to the header's tools for this
  visitor, as (label, url) pairs, or nothing. Called on every page for signed-in visitors.
- MEMBER_SPACE_ENTRY: `fn(request)` returns the address a signed-in visitor who is neither a
  member nor an applicant should be sent to instead of "Mon espace" (their own space), or None.
  The first answer wins.
- DEMO_DATA: `fn(password)` creates an app's demo data for `manage.py create_demo_accounts`
  (development only) and returns the lines to print; `password` is the demo accounts'. Run in
  the hooks' order (`hooks.register(DEMO_DATA, fn, order=…)`): members (10) before the
  library (20) and events (30) that use them, families (40), applications (90).
"""

from wagtail import hooks

HEADER_LINKS = "parentescence_header_links"
MEMBER_SPACE_ENTRY = "parentescence_member_space_entry"
DEMO_DATA = "parentescence_demo_data"


def header_links(request):
    links = []
    for fn in hooks.get_hooks(HEADER_LINKS):
        links.extend(fn(request) or ())
    return links


def member_space_entry(request):
    for fn in hooks.get_hooks(MEMBER_SPACE_ENTRY):
        url = fn(request)
        if url:
            return url
    return None


def create_demo_data(password):
    """Every app's demo data, in order; yields the lines they report."""
    for fn in hooks.get_hooks(DEMO_DATA):
        yield from fn(password) or ()
