"""The public directory of the network's members: what may be public, and only that."""

from django.utils.text import slugify


def directory_index():
    from network.models import DirectoryIndexPage

    return DirectoryIndexPage.objects.filter(locale__language_code="fr").first()


def publish_profile(application, user):
    """Create and publish the member's profile page from the public fields of the
    application. Contact details and the criteria answers are never copied."""
    from network.models import MemberProfilePage

    index = directory_index()
    if index is None:
        raise RuntimeError("No directory page: the content build creates one.")
    base = slugify(f"{application.first_name}-{application.last_name}") or "membre"
    slug, n = base, 1
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    profile = MemberProfilePage(
        title=application.full_name,
        slug=slug,
        member=user,
        profession=application.profession,
        structure=application.structure,
        commune=application.commune,
        postcode=application.postcode,
        home_visits=application.home_visits,
        languages=application.languages,
        themes=application.themes,
        presentation=application.presentation,
    )
    index.add_child(instance=profile)
    profile.save_revision().publish(skip_permission_checks=True)
    return profile
