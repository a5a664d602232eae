"""Registrations and the waiting list (resources.registrations), checked against a plain
queue simulation written from the rule, over any sequence of operations in any order.

The rule (README, "Events: the calendar, registrations, attendance"; the module's docstring):
- Places count people (adults and children). A family larger than the event (its number of
  places) is refused; a member already registered (not cancelled) is refused; once the event
  has begun, registrations are closed. Otherwise, within the places left the registration is
  confirmed; beyond, it goes on the waiting list. An event without a number of places has no
  limit.
- When a place frees up (a confirmed registration cancelled, more places given in the admin,
  or the limit removed), waiting registrations are confirmed in order of arrival, each one that
  fits in what is free (one that does not fit is passed over, the next ones may still fit), and
  each is told by e-mail. Cancelling a registration on the waiting list frees no place.
- Cancelling twice changes nothing; once the event has begun a cancellation changes nothing
  and nobody is promoted any more.
- Never overbooked: the confirmed places never exceed the number of places. Lowering the
  number of places in the admin does not withdraw places already confirmed (the rule only
  speaks of places freed), but while the event is over its places nobody else is confirmed.
- Nobody is lost or duplicated: every registration taken is in exactly one state, the
  registrants' list (confirmed, then the waiting list in order of arrival) shows each active one
  once, and a member has at most one active registration.
"""

import datetime
import pickle

import pytest
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import event as note
from hypothesis import example, given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from home.models import OutgoingEmail
from network.factories import current_membership
from resources import member_event_views
from resources import registrations as rules
from resources.models import Event, Registration
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

MEMBERS = 4
PROMOTED_SUBJECT = "Une place s'est libérée"

parent = st.tuples(st.just("parent"), st.integers(1, 3), st.integers(0, 3), st.booleans())  # adults, children, e-mail?
member = st.tuples(st.just("member"), st.integers(0, MEMBERS - 1))
cancel = st.tuples(st.just("cancel"), st.integers(0, 30))  # the n-th active registration (modulo)
cancel_again = st.tuples(st.just("cancel again"), st.integers(0, 30))  # the n-th cancelled one (modulo)
# An editor gives or takes places (never below 1), or removes the limit (None); from no limit,
# a limit comes back at the confirmed places plus the change.
change = st.tuples(st.just("places"), st.sampled_from([-2, -1, 1, 1, 2, 3, None]))


@st.composite
def scenario(draw):
    """An event for families (parents of any size) or a network meeting (members), its first
    number of places, and a sequence of operations in any order; the event may begin near the
    end of it."""
    kind = draw(st.sampled_from([Event.Kind.WORKSHOP, Event.Kind.PRORENCONTRE]))
    if kind == Event.Kind.WORKSHOP:
        registrant, places = parent, st.integers(1, 9).map(lambda n: None if n == 9 else n)
    else:
        registrant, places = member, st.integers(1, MEMBERS).map(lambda n: None if n == MEMBERS else n)
    # Enough registrants for a queue to form, each followed by none or a few other operations.
    action = st.one_of(cancel, change, cancel, cancel_again)
    operations = []
    for arrival in draw(st.lists(registrant, min_size=4, max_size=10)):
        operations += [arrival, *draw(st.lists(action, max_size=3))]
    if draw(st.booleans()):  # the event begins; what comes after must change nothing
        operations += [("begin",), *draw(st.lists(st.one_of(registrant, action), min_size=1, max_size=3))]
    return kind, draw(places), operations


@pytest.fixture
def people(db):
    members = []
    for number in range(MEMBERS):
        user = UserFactory(username=f"membre{number}", groups=["Members"], preferred_language="fr")
        current_membership(user)
        members.append(user)
    return {"members": members, "editor": UserFactory(username="editor", groups=["Editors"])}


# --- The reference: a plain queue, from the rule --------------------------------------------

class Reference:
    def __init__(self, capacity):
        self.capacity = capacity
        self.begun = False
        self.lowered = False  # the places were once lowered below the confirmed places
        self.taken = []  # in order of arrival: dicts with places, member, status

    def confirmed(self):
        return sum(r["places"] for r in self.taken if r["status"] == "confirmed")

    def free(self):
        return None if self.capacity is None else max(self.capacity - self.confirmed(), 0)

    def place_freed(self):
        """Confirm the waiting registrations that fit, in order of arrival; who was promoted."""
        if self.begun:
            return []
        promoted = []
        for r in self.taken:
            if r["status"] != "waiting":
                continue
            if self.capacity is None or r["places"] <= self.free():
                r["status"] = "confirmed"
                promoted.append(r)
        return promoted

    def register(self, places, member=None):
        if self.begun:
            return None
        if self.capacity is not None and places > self.capacity:
            return None
        if member is not None and any(r["member"] == member and r["status"] != "cancelled" for r in self.taken):
            return None
        free = self.free()
        entry = {"places": places, "member": member,
                 "status": "confirmed" if free is None or places <= free else "waiting"}
        self.taken.append(entry)
        return entry

    def cancel(self, entry):
        if self.begun or entry["status"] == "cancelled":
            return []
        freed = entry["status"] == "confirmed"
        entry["status"] = "cancelled"
        return self.place_freed() if freed else []

    def change_capacity(self, capacity):
        self.capacity = capacity
        self.lowered |= capacity is not None and capacity < self.confirmed()
        return self.place_freed()


# --- The real thing ------------------------------------------------------------------------

def make_event(kind, places):
    start = timezone.now() + datetime.timedelta(days=7)
    return Event.objects.create(
        kind=kind, title="Rencontre du mardi", start=start, end=start + datetime.timedelta(hours=2),
        audience=Event.Audience.PUBLIC if kind == Event.Kind.WORKSHOP else Event.Audience.MEMBERS,
        capacity=places,
    )


def promotion_mails_since(last_pk):
    """The addresses told of a promotion by the messages queued after `last_pk`."""
    told = []
    for email in OutgoingEmail.objects.filter(pk__gt=last_pk).order_by("pk"):
        message = pickle.loads(email.message)
        if message.subject.startswith(PROMOTED_SUBJECT):
            told.extend(message.to)
    return told


def last_mail_pk():
    return OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def run(event, operation, reference, taken, members):
    """Apply one operation to the code and to the reference; the reference's promoted entries."""
    name = operation[0]
    if name in ("parent", "member"):
        if name == "parent":
            _name, adults, children, with_email = operation
            places, user = adults + children, None
            details = {"name": "Claire Parent", "adults": adults, "children": children,
                       "email": f"parent{len(taken)}@example.org" if with_email else "",
                       "phone": "" if with_email else "06 12 34 56 78", "language": "fr"}
        else:
            places, user = 1, members[operation[1]]
            details = {"name": "", "user": user}
        expected = reference.register(places, member=user.pk if user else None)
        try:
            registration = rules.register(event, **details)
        except rules.RegistrationRefused:
            assert expected is None, "refused, though the rule takes it"
            return []
        assert expected is not None, "taken, though the rule refuses it"
        assert registration.status == expected["status"]
        expected["pk"], expected["email"] = registration.pk, (user.email if user else details["email"])
        taken.append(expected)
        return []
    if name in ("cancel", "cancel again"):
        # Someone with an active registration cancels; or a cancel link used a second time.
        chosen = [r for r in taken if (r["status"] == "cancelled") == (name == "cancel again")]
        if not chosen:
            return []
        entry = chosen[operation[1] % len(chosen)]
        was = entry["status"]
        promoted = reference.cancel(entry)
        done = rules.cancel(Registration.objects.get(pk=entry["pk"]))
        assert done == (was != "cancelled" and not reference.begun)
        return promoted
    if name == "places":
        change = operation[1]
        if change is None:
            new = None
        elif reference.capacity is None:
            new = max(reference.confirmed() + change, 1)
        else:
            new = max(reference.capacity + change, 1)
        Event.objects.filter(pk=event.pk).update(capacity=new)  # what the admin's edit saves, then:
        promoted = reference.change_capacity(new)
        rules.capacity_changed(event)
        return promoted
    # "begin": the event starts (a minute ago).
    start = timezone.now() - datetime.timedelta(minutes=1)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + datetime.timedelta(hours=2))
    reference.begun = True
    return []


def statuses(event):
    return dict(event.registrations.values_list("pk", "status"))


# Always tried as well: a family that does not fit is passed over for a smaller one behind it,
# then the places are raised and it comes in; members, with a second registration refused.
PASSED_OVER = (Event.Kind.WORKSHOP, 6, [
    ("parent", 2, 1, True), ("parent", 1, 2, True), ("parent", 2, 2, True), ("parent", 1, 1, True),
    ("parent", 1, 0, False), ("cancel", 0), ("places", 4), ("cancel again", 0), ("begin",), ("cancel", 0),
])
MEMBERS_QUEUE = (Event.Kind.PRORENCONTRE, 2, [
    ("member", 0), ("member", 1), ("member", 2), ("member", 0), ("member", 3), ("cancel", 1),
    ("places", -1), ("cancel", 0), ("places", None), ("member", 1),
])


@examples(40)
@given(scenario())
@example(PASSED_OVER)
@example(MEMBERS_QUEUE)
def test_registrations_follow_the_waiting_list_rule(people, scenario):
    kind, places, operations = scenario
    with rolled_back():
        event = make_event(kind, places)
        reference = Reference(places)
        taken = []
        for operation in operations:
            before_confirmed = rules.confirmed_places(event)
            before = statuses(event)
            mails = last_mail_pk()
            promoted = run(event, operation, reference, taken, people["members"])
            if promoted:
                note("promotion")
                waiting = [r for r in taken if r["status"] == "waiting"]
                if any(w["pk"] < promoted[-1]["pk"] for w in waiting):
                    note("a family passed over, a later one promoted")
            if reference.lowered:
                note("places lowered below the confirmed ones")
            after = statuses(event)

            # Exactly the reference's states: nobody lost, nobody added, nobody duplicated.
            assert after == {r["pk"]: r["status"] for r in taken}
            # Promotions: the ones the reference promotes, in order of arrival, each told once.
            newly = [pk for pk, status in after.items() if status == "confirmed" and before.get(pk) == "waiting"]
            assert newly == [r["pk"] for r in promoted]
            assert promotion_mails_since(mails) == [r["email"] for r in promoted if r["email"]]

            # Never overbooked: within the places, or (after the places were lowered) no one
            # more confirmed while over them.
            event.refresh_from_db()
            confirmed = rules.confirmed_places(event)
            if event.capacity is not None and confirmed > event.capacity:
                gained = any(status == "confirmed" and before.get(pk) != "confirmed" for pk, status in after.items())
                assert reference.lowered and not gained and confirmed <= before_confirmed, "overbooked"
            assert rules.places_left(event) == reference.free()
            # Nobody waits who fits in what is free (until the event begins).
            if not reference.begun:
                free = rules.places_left(event)
                waiting = event.registrations.filter(status=Registration.Status.WAITING)
                assert not any(free is None or r.places <= free for r in waiting)
            # A member holds at most one active registration.
            active_members = [r["member"] for r in taken if r["member"] is not None and r["status"] != "cancelled"]
            assert len(active_members) == len(set(active_members))

        # The registrants' list, as facilitators and editors see it.
        request = RequestFactory().get("/")
        request.user = people["editor"]
        context = member_event_views.attendance(request, event.pk).context_data
        assert [r.pk for r in context["confirmed"]] == [r["pk"] for r in taken if r["status"] == "confirmed"]
        assert [r.pk for r in context["waiting"]] == [r["pk"] for r in taken if r["status"] == "waiting"]
        assert context["cancelled_count"] == sum(r["status"] == "cancelled" for r in taken)
        assert context["places_left"] == reference.free()
