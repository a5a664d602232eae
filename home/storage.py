"""Where uploaded files live.

Images go to MEDIA_ROOT and are served publicly under /media/images/ and
/media/original_images/ (Wagtail renditions are public whatever the collection).
Documents go to PRIVATE_MEDIA_ROOT, which has no URL at all: every download goes through
Wagtail's serve view, which checks the document's collection privacy.
"""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
