"""Wagtail collections closed to all but some groups."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction


def restricted_collection(name, group_names):
    """The top-level collection `name`, made once, with a view restriction to `group_names`.
    The restriction keeps its images and documents out of the images and documents APIs (v2
    and v3 leave restricted collections out) and their Wagtail URLs closed to everyone else."""
    collection = Collection.objects.filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=group_names))
    return collection
