"""Charter versions: which one members must have signed, and who has not."""

from django.conf import settings
from django.utils import timezone

from accounts import roles
from accounts.models import User


def required_version():
    """The version every member must have signed: the latest substantive one (the first
    version published counts as substantive)."""
    from network.models import CharterVersion

    latest = CharterVersion.objects.filter(substantive=True).order_by("-published_at").first()
    return latest.version if latest else None


def record_version(page):
    """Called when a charter page is published: remember a new version once."""
    from network.models import CharterVersion

    if page.locale.language_code != settings.LANGUAGE_CODE or not page.version:
        return None
    first = not CharterVersion.objects.exists()
    # The box counts only with a new version number: re-publishing a version changes nothing.
    version, _created = CharterVersion.objects.get_or_create(
        version=page.version,
        defaults={"substantive": page.substantive or first, "published_at": timezone.now()},
    )
    if page.substantive:
        untick_substantive(page)
    return version


def untick_substantive(page):
    """The box is for one publication: untick it (page and latest revision, every language)
    so that the next version is not substantive unless an editor says so again."""
    from wagtail.models import Revision

    from network.models import CharterPage

    pages = CharterPage.objects.filter(translation_key=page.translation_key)
    pages.update(substantive=False)
    for revision in Revision.objects.filter(pk__in=pages.values("latest_revision_id")):
        if revision.content.get("substantive"):
            revision.content["substantive"] = False
            revision.save(update_fields=["content"])


def needs_signature(user):
    """Whether a member is asked to sign the charter's required version."""

    if not user.is_authenticated or not user.groups.filter(name=roles.MEMBERS).exists():
        return False
    version = required_version()
    return bool(version) and not user.charter_signatures.filter(charter_version=version).exists()


def members_without_signature():
    """Current members who have not signed the required version (for editors)."""
    from network.models import Membership

    version = required_version()
    members = User.objects.filter(pk__in=Membership.objects.current().values("user_id")).order_by("last_name", "first_name")
    if version is None:
        return members.none()
    return members.exclude(charter_signatures__charter_version=version).prefetch_related("charter_signatures")
