"""Documents: Wagtail's serve view, with private documents' responses never cached."""

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import CollectionViewRestriction

from resources import access


def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
    if document is not None:
        collections = document.collection.get_ancestors(inclusive=True)
        if CollectionViewRestriction.objects.filter(collection__in=collections).exists():
            access.private(response)
    return response
