"""Demo data for the family support programme (development only, `create_demo_accounts`).

Fictional families; no factory import (make run installs the runtime requirements only)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from network.models import PartnerStructure
from support import programme
from support.models import Contact, DropInSession, Family, Referrer, Step

DEMO_ACCOUNTS = [
    ("coordination", "Corinne", "Coordination", roles.COORDINATORS),
    ("referente", "Rose", "Référente", roles.FIELD_REFERENTS),
    ("referente2", "Sami", "Référent", roles.FIELD_REFERENTS),
    ("partenaire", "Pauline", "Partenaire", roles.REFERRERS),
]


def _account(username, first_name, last_name, group, password):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@demo.parentescence.invalid"},
    )
    if created:
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=group))
    return user


def create_demo_support(password):
    """The programme's demo accounts and a few families at each stage. Returns the number of
    families created (0 when they exist already or the content build's structures are missing)."""
    mds = PartnerStructure.objects.filter(kind=PartnerStructure.Kind.MDS).first()
    udaf = PartnerStructure.objects.filter(kind=PartnerStructure.Kind.UDAF).first()
    users = {username: _account(username, first, last, group, password) for username, first, last, group in DEMO_ACCOUNTS}
    if mds is None or Family.objects.exists():
        return 0
    referrer, _created = Referrer.objects.get_or_create(
        user=users["partenaire"], defaults={"institution": mds, "job_title": "Assistante sociale"}
    )
    today = timezone.localdate()
    partner = users["partenaire"]
    referent = users["referente"]
    waiting = programme.refer(
        {"contact_name": "Awa Diallo", "phone": "06 00 00 00 01", "reason": Family.Reason.ISOLATION,
         "reason_note": "Maman seule avec un bébé de deux mois, arrivée à Toulouse il y a peu."},
        referrer=referrer, by=partner,
    )
    followed = programme.refer(
        {"contact_name": "Julie et Marc Petit", "phone": "06 00 00 00 02", "address": "12 rue des Demos, 31300 Toulouse",
         "reason": Family.Reason.BABY_HOSPITAL, "reason_note": "Bébé né prématuré, sorti de néonatologie."},
        referrer=referrer, by=partner,
    )
    Family.objects.filter(pk=followed.pk).update(referred_at=timezone.now() - datetime.timedelta(days=20))
    programme.assign(followed, referent)
    programme.add_contact(followed, {"date": today - datetime.timedelta(days=15), "kind": Contact.Kind.PHONE,
                                     "with_whom": Contact.With.MOTHER, "note": "Premier appel, visite proposée."}, referent)
    programme.record_consent(followed, "support", True, referent)
    programme.add_contact(followed, {"date": today - datetime.timedelta(days=10), "kind": Contact.Kind.HOME_VISIT,
                                     "with_whom": Contact.With.PARENT_BABY, "note": "Bébé et parents fatigués ; temps d'échange présenté."}, referent)
    programme.add_step(followed, {"kind": Step.Kind.FIRST_HOME_VISIT, "date": today - datetime.timedelta(days=10)}, referent)
    closed = programme.refer(
        {"contact_name": "Famille Nguyen", "phone": "06 00 00 00 03", "reason": Family.Reason.HOUSING},
        referrer=referrer, by=partner,
    )
    Family.objects.filter(pk=closed.pk).update(referred_at=timezone.now() - datetime.timedelta(days=120))
    programme.assign(closed, referent)
    programme.add_contact(closed, {"date": today - datetime.timedelta(days=110), "kind": Contact.Kind.HOME_VISIT,
                                   "with_whom": Contact.With.FAMILY, "note": ""}, referent)
    programme.record_consent(closed, "support", True, referent)
    if udaf:
        programme.add_step(closed, {"kind": Step.Kind.LOCAL_STRUCTURE, "date": today - datetime.timedelta(days=40), "structure": udaf}, referent)
    closed.refresh_from_db()
    programme.close(closed, Family.Outcome.STRUCTURE,
                    "La famille fréquente désormais la structure de son quartier ; elle vous remercie.", True, referent)
    if udaf:
        last_month = today - datetime.timedelta(days=14)
        DropInSession.objects.create(date=last_month, start_time=datetime.time(9, 30), end_time=datetime.time(12), place=udaf, families_seen=6)
        for weeks in (1, 3):
            DropInSession.objects.create(date=today + datetime.timedelta(weeks=weeks), start_time=datetime.time(9, 30),
                                         end_time=datetime.time(12), place=udaf)
    return Family.objects.filter(pk__in=[waiting.pk, followed.pk, closed.pk]).count()
