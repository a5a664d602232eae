"""The programme's accounts: referring professionals (attached to their institution), field
referents and coordinators, opened by a coordinator. Each receives a link to choose a password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.links import set_password_link
from accounts.roles import COORDINATORS, FIELD_REFERENTS, REFERRERS
from home.mail import send_to_user
from support.models import Referrer

ROLE_GROUPS = {"referrer": REFERRERS, "referent": FIELD_REFERENTS, "coordinator": COORDINATORS}


def referents():
    return (
        get_user_model().objects.filter(is_active=True, groups__name=FIELD_REFERENTS)
        .distinct().order_by("last_name", "first_name")
    )


def programme_accounts():
    """Everyone with a role in the programme, with their role's group names."""
    return (
        get_user_model().objects.filter(groups__name__in=ROLE_GROUPS.values())
        .distinct().prefetch_related("groups").select_related("referrer__institution").order_by("last_name", "first_name")
    )


@transaction.atomic
def open_account(first_name, last_name, email, role, institution=None, job_title=""):
    user = get_user_model().objects.create(
        username=email, email=email, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    if role == "referrer":
        Referrer.objects.create(user=user, institution=institution, job_title=job_title)
    send_to_user(
        user,
        "support/emails/account_opened.txt",
        {"link": set_password_link(user), "role": role},
        _("Votre compte Parentescence (accompagnement des familles)"),
    )
    return user
