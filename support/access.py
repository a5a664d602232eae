"""Who may see what of the family support programme.

Rights come from the roles' group permissions only (accounts.roles): a superuser is not a
coordinator by being a superuser, so the technical administrator reads no family's record
unless the association made them a coordinator.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from support.models import AccessLog, Family

COORDINATE = "support.coordinate_support"
FOLLOW = "support.follow_families"
REFER = "support.refer_families"
STATISTICS = "support.view_support_statistics"


def _perms(user):
    """The support permissions of the user's groups. Not `get_group_permissions()`: Django's
    backend gives a superuser every permission there."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if not hasattr(user, "_support_perms"):
        user._support_perms = {
            f"support.{codename}"
            for codename in Permission.objects.filter(group__user=user, content_type__app_label="support")
            .values_list("codename", flat=True)
        }
    return user._support_perms


def is_coordinator(user):
    return COORDINATE in _perms(user)


def is_referent(user):
    return FOLLOW in _perms(user)


def is_referrer(user):
    return REFER in _perms(user) and hasattr(user, "referrer")


def sees_statistics(user):
    return bool({COORDINATE, STATISTICS} & _perms(user))


def sees_families(user):
    """Coordinators and field referents: they open families' records (`families_for`)."""
    return bool({COORDINATE, FOLLOW} & _perms(user))


def needs_second_factor(user):
    """Whoever reads families' records passes a second factor."""
    return sees_families(user)


def works_in_support(user):
    """Coordinators, field referents and referring partners: the programme's space is where
    their work is (not those who only read the statistics)."""
    return bool({COORDINATE, FOLLOW, REFER} & _perms(user))


def has_support_role(user):
    return bool({COORDINATE, FOLLOW, REFER, STATISTICS} & _perms(user))


def families_for(user):
    """The families whose record `user` may open: all for coordinators, their own for
    referents, none for anyone else (partners see their referrals' status, not the record)."""
    if is_coordinator(user):
        return Family.objects.all()
    if is_referent(user):
        return Family.objects.filter(referent=user)
    return Family.objects.none()


def family_or_404(user, pk, action=AccessLog.Action.VIEW):
    """The family `pk` if `user` may open its record, with the read written to the log.
    Anyone else gets a 404, whether the family exists or not."""
    family = (
        families_for(user).select_related("institution", "language", "referent", "referrer__user")
        .prefetch_related("consents").filter(pk=pk).first()
    )
    if family is None:
        raise Http404
    log(user, family, action)
    return family


def log(user, family, action):
    AccessLog.objects.create(family=family, reference=family.reference, user=user, action=action)


def referrals_for(user):
    """A referring professional's own referrals (status only)."""
    if not is_referrer(user):
        raise PermissionDenied
    return Family.objects.filter(referrer=user.referrer)
