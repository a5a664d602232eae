"""Workshop resources on the site (being written)."""


def resource_index(request, page):
    raise NotImplementedError


def resource_detail(request, page):
    raise NotImplementedError


def resource_document(request, page, document_id):
    raise NotImplementedError
