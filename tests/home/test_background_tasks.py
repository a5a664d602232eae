"""Wagtail 8's own background work (django-tasks) really runs: in-process, by design."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_tasks_backend_is_immediate():
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_published_page_is_searchable_without_update_index(home_page):
    page = StandardPageFactory(parent=home_page, title="Permanences familles", live=False)
    page.intro = "Xylophone"
    page.save_revision().publish()
    assert list(Page.objects.live().search("Xylophone")) == [page.page_ptr]


def test_reference_index_is_updated_on_save(home_page):
    document = get_document_model().objects.create(title="Plaquette", file=ContentFile(b"%PDF-1.4", name="p.pdf"))
    page = StandardPageFactory(parent=home_page)
    page.body = [("document_link", {"document": document, "label": "La plaquette"})]
    page.save_revision().publish()
    assert ReferenceIndex.get_references_to(document).exists()


def test_deleted_document_file_is_removed_from_storage(home_page, django_capture_on_commit_callbacks):
    document = get_document_model().objects.create(title="Plaquette", file=ContentFile(b"%PDF-1.4", name="p.pdf"))
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not storage.exists(name)
