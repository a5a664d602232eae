"""The rules of the facilitators' workshop resources: who reads a resource, the private
collection for the members-only resources' documents, the documents a page publishes, and
the view restriction that keeps members-only resources out of API v3 for anonymous callers.

Views (resources.workshop_views), the page model and the admin hooks call these functions.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction

from resources import access

WORKSHOPS_COLLECTION = "Ressources d'animation"


# --- Who reads a resource ----------------------------------------------------------------

def can_read(user, page):
    """A public resource is for everyone; a members-only one for who may read the library
    (a current membership by its Paris end date, editors, the commission, superusers)."""
    return not page.members_only or access.can_read_library(user)


# --- Private documents -------------------------------------------------------------------

def workshops_collection():
    """The private collection for the members-only resources' documents. As for the library
    (resources.library.vignettes_collection), its view restriction names editors only: its
    documents stay out of the documents APIs, v2 and v3, and their Wagtail URLs are closed to
    everyone else. Members download a document from the live resource that publishes it,
    where the membership's end date is checked."""
    from resources.library import private_collection

    return private_collection(WORKSHOPS_COLLECTION)


def in_private_collection(document):
    """In "Ressources d'animation" or one of its sub-collections."""
    from resources.library import in_collection

    return in_collection(document, WORKSHOPS_COLLECTION)


def in_restricted_collection(document):
    """In a collection that has a view restriction, or below one (this one, the library's)."""
    from wagtail.models import CollectionViewRestriction

    collections = document.collection.get_ancestors(inclusive=True)
    return CollectionViewRestriction.objects.filter(collection__in=collections).exists()


def page_documents(page):
    """The documents `page` holds (as `page` holds them: the live version for a page served)."""
    return [block.value for block in page.documents if block.value is not None]


def page_document(page, document_id):
    """A document among `page`'s documents, or None."""
    for document in page_documents(page):
        if document.pk == document_id:
            return document
    return None


def document_is_private(page, document):
    """Served to readers only, never cached: a members-only resource's documents, and any
    document of a restricted collection (one put on a public resource by mistake)."""
    return page.members_only or in_restricted_collection(document)


def misplaced_documents(page):
    """The documents `page` may not publish: on a members-only resource, those outside the
    private collection (their Wagtail URL would be open, and the documents APIs list them); on
    a public resource, those of a restricted collection (they are not for everyone)."""
    if page.members_only:
        return [document for document in page_documents(page) if not in_private_collection(document)]
    return [document for document in page_documents(page) if in_restricted_collection(document)]


def documents_error(page):
    """The editor's message for misplaced_documents(page), or None."""
    misplaced = misplaced_documents(page)
    if not misplaced:
        return None
    titles = ", ".join(document.title for document in misplaced)
    if page.members_only:
        return _("Ressource réservée aux membres : ces documents ne sont pas dans la collection privée "
                 "« Ressources d'animation » : %(titles)s.") % {"titles": titles}
    return _("Ressource publique : ces documents sont dans une collection privée, ils ne sont pas pour "
             "tout le monde : %(titles)s.") % {"titles": titles}


# --- Out of API v3 for anonymous callers -------------------------------------------------

def sync_view_restriction(page):
    """A members-only resource carries a "login required" view restriction: API v3 lists
    anonymous callers every live page without one, and has no hook to leave it out. Logged-in
    visitors pass it; the views check the membership (can_read), and the site search, the
    sitemap and API v2 leave members-only resources out (resources.access.without_members_only).
    A public resource loses that restriction (only that one: an editor's own stays)."""
    restrictions = PageViewRestriction.objects.filter(page=page, restriction_type=PageViewRestriction.LOGIN)
    if page.members_only:
        if not restrictions.exists():
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    else:
        for restriction in restrictions:
            restriction.delete()

