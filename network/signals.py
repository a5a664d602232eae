"""Reactions to Wagtail's publishing signals."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from accounts.models import User


@receiver(page_published)
def charter_published(sender, instance, **kwargs):
    from network.charter import record_version
    from network.models import CharterPage

    if isinstance(instance, CharterPage):
        record_version(instance)


@receiver(post_save, sender="network.Membership")
@receiver(post_delete, sender="network.Membership")
def membership_changed(sender, instance, **kwargs):
    """A membership started, was renewed, shortened or removed: list or unlist the profile."""
    from network.member_space import sync_listing

    user_id = instance.user_id

    def sync():
        user = User.objects.filter(pk=user_id).first()
        if user is not None:
            sync_listing(user)

    transaction.on_commit(sync)


@receiver(page_published)
@receiver(page_unpublished)
def profile_listing_changed(sender, instance, **kwargs):
    from network.directory import bump_generation
    from network.models import MemberProfilePage

    if isinstance(instance, MemberProfilePage):
        transaction.on_commit(bump_generation)


def directory_data_changed(sender, instance, **kwargs):
    """Memberships, vocabularies and profiles (deleted, or changed without publishing)."""
    from network.directory import bump_generation

    transaction.on_commit(bump_generation)


for model in ("network.Membership", "network.Theme", "network.Language", "network.Profession", "network.MemberProfilePage"):
    post_save.connect(directory_data_changed, sender=model, dispatch_uid=f"directory-{model}-save")
    post_delete.connect(directory_data_changed, sender=model, dispatch_uid=f"directory-{model}-delete")


def vocabulary_term_saved(sender, instance, created, **kwargs):
    """A need, language or profession renamed: the directory's free text of the profiles
    that carry it follows (it holds the terms' French and English names)."""
    from network.models import MemberProfilePage

    if created:
        return
    if sender._meta.model_name == "profession":
        profiles = MemberProfilePage.objects.filter(Q(profession=instance) | Q(other_professions=instance))
    elif sender._meta.model_name == "theme":
        profiles = MemberProfilePage.objects.filter(themes=instance)
    else:
        profiles = MemberProfilePage.objects.filter(languages=instance)
    for profile in profiles.distinct().select_related("profession").prefetch_related(
        "other_professions", "themes", "languages"
    ):
        MemberProfilePage.objects.filter(pk=profile.pk).update(search_text=profile.build_search_text())


for model in ("network.Theme", "network.Language", "network.Profession"):
    post_save.connect(vocabulary_term_saved, sender=model, dispatch_uid=f"directory-{model}-terms")
