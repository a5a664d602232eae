"""The treasurer's list of members (fees.listing: "Cotisations → Adhérent·es", its CSV export
and the dashboard's counts per state), checked against a plain reference written from its
rule.

The rule:
- Who sees it: the treasurer (network.view_membership); nobody else sees a row.
- Listed: every account that has or had a membership period.
- A member's state comes from their latest period (the one ending last; then the one starting
  last; then the one recorded last): lapsed the day after its end; active if it starts later
  than today (a renewal recorded ahead); awaiting the first fee if it comes from the
  acceptance; ending if fewer than 30 days are left; else active.
- `state` (one value, the last given): only the members in that state; anything else is
  ignored. `q`: the members whose "first last" name or e-mail contains it, case-insensitive
  (a search with a NUL character is ignored: Django's form field refuses it). Both combine
  with AND.
- Profession: the member's profile's, else their accepted application's, else the one given
  with their latest period that names one (only the last exists in these tests). Last
  payment: the last recorded fee, else the start of their latest imported period (no fees
  here).
- Order: by last name then first name, or by the column asked for in `ordering` (ascending,
  or descending with "-"); an unknown `ordering` is ignored. A missing last payment counts as
  the earliest date. Ties by account, oldest first, so that pages never repeat or skip anyone.
  50 per page.
- The dashboard's counts: the number of members in each state, and those whose membership
  ended in the last 30 days.

Names are compared in code point order, as SQLite and a PostgreSQL database in the C
collation (CI's) sort them. SQLite's LIKE folds the case of ASCII letters only: generated
searches change the case of ASCII letters only (on PostgreSQL "élodie" finds "Élodie"; on
SQLite it does not).
"""

import csv
import datetime
import io
import math
import re
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from accounts.models import User
from fees.panels import FeesSummaryPanel
from network.models import Membership, Profession
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

URL = "/admin/cotisations/adherents/"
PER_PAGE = 50
DAY = datetime.timedelta(days=1)
FIRST = ["Élodie", "Jean-Marc", "Zoé", "anne", "Ève", "Noël"]
LAST = ["Dupont", "De La Tour", "N'Diaye", "Éluard", "dupont", "Martin-Lévy"]
SOURCES = list(Membership.Source.values)
# Days from today: each boundary of the rules (the end day, 30 days left, a start tomorrow).
STARTS = [-400, -366, -30, -1, 0, 1]
ENDS = [-31, -30, -1, 0, 1, 29, 30, 31, 200, 365]
STATES = ["active", "ending", "awaiting", "lapsed"]
COLUMNS = ["last_name", "email", "profession_name", "membership_end", "last_payment"]

period = st.fixed_dictionaries({
    # "29 February": a period from 29 February 2024 (a leap day, in the past).
    "start": st.one_of(st.sampled_from(STARTS), st.just("29 February")),
    "end": st.sampled_from(ENDS),
    "source": st.sampled_from(SOURCES),
    "profession": st.one_of(st.none(), st.integers(0, 2)),
})
member = st.fixed_dictionaries({
    "first": st.sampled_from(FIRST),
    "last": st.sampled_from(LAST),
    "periods": st.lists(period, max_size=3),  # none: never a member, not listed
})


def search_word(text):
    """A piece of a name or an address, its ASCII letters in any case (see the docstring)."""
    return st.integers(0, max(len(text) - 1, 0)).flatmap(
        lambda i: st.integers(i + 1, len(text)).flatmap(
            lambda j: st.lists(st.booleans(), min_size=j - i, max_size=j - i).map(
                lambda flips: "".join(c.swapcase() if f and c.isascii() else c for c, f in zip(text[i:j], flips)))))


param = st.one_of(
    st.tuples(st.just("state"), st.sampled_from(STATES + ["", "none", "ACTIVE", "lapsed\x00"])),
    st.tuples(st.just("q"), st.one_of(
        st.sampled_from([f + " " + n for f in FIRST for n in LAST]).flatmap(search_word),
        st.sampled_from(["@example", "m1@", "zzz", " ", "Dup\x00ont", "oé"]),
    )),
    st.tuples(st.just("ordering"), st.sampled_from(
        COLUMNS + ["-" + c for c in COLUMNS] + ["", "full_name", "-pk", "password", "last_name\x00"])),
    st.tuples(st.just("p"), st.sampled_from(["1", "2", "0", "-1", "x", "9" * 30])),
)
query = st.lists(param, max_size=5)


def make(members, today):
    professions = list(Profession.objects.order_by("pk")[:3])
    users = User.objects.bulk_create([
        User(username=f"m{n}", email=f"m{n}@example.org", first_name=data["first"], last_name=data["last"])
        for n, data in enumerate(members)
    ])
    rows = []
    for user, data in zip(users, members):
        user.periods = []
        for p in data["periods"]:
            end = today + p["end"] * DAY
            start = datetime.date(2024, 2, 29) if p["start"] == "29 February" else min(today + p["start"] * DAY, end)
            m = Membership(user=user, start_date=start, end_date=end, source=p["source"],
                           profession=professions[p["profession"]] if p["profession"] is not None else None)
            rows.append(m)
            user.periods.append(m)
    Membership.objects.bulk_create(rows)
    return users


def expected_row(user, today):
    latest = max(user.periods, key=lambda m: (m.end_date, m.start_date, m.pk))
    if latest.end_date < today:
        state = "lapsed"
    elif latest.start_date > today:
        state = "active"
    elif latest.source == "acceptance":
        state = "awaiting"
    elif (latest.end_date - today).days < 30:
        state = "ending"
    else:
        state = "active"
    named = [m for m in user.periods if m.profession is not None]
    profession = max(named, key=lambda m: (m.end_date, m.start_date, m.pk)).profession.name if named else ""
    imported = [m for m in user.periods if m.source == "import"]
    last_payment = max(imported, key=lambda m: (m.end_date, m.start_date, m.pk)).start_date if imported else None
    return {"pk": user.pk, "email": user.email, "last_name": user.last_name, "first_name": user.first_name,
            "state": state, "membership_end": latest.end_date, "profession_name": profession,
            "last_payment": last_payment}


def last(pairs, key):
    values = [value for name, value in pairs if name == key]
    return values[-1] if values else None


def reference(users, pairs, today):
    rows = [expected_row(user, today) for user in users if user.periods]
    state = last(pairs, "state")
    if state in STATES:
        rows = [row for row in rows if row["state"] == state]
    q = (last(pairs, "q") or "").strip()
    if q and "\x00" not in q:
        rows = [row for row in rows
                if q.lower() in f"{row['first_name']} {row['last_name']}".lower() or q.lower() in row["email"].lower()]
    ordering = last(pairs, "ordering")
    column = (ordering or "").lstrip("-")
    rows.sort(key=lambda row: row["pk"])  # ties: oldest account first (the sorts below are stable, reverse too)
    if column in COLUMNS and ordering.count("-") <= 1:
        earliest = datetime.date.min
        rows.sort(key=lambda row: row[column] if row[column] is not None else earliest,
                  reverse=ordering.startswith("-"))
    else:
        rows.sort(key=lambda row: (row["last_name"], row["first_name"]))
    return rows


def counts(users, today):
    rows = [expected_row(user, today) for user in users if user.periods]
    return ({state: sum(1 for row in rows if row["state"] == state) for state in STATES},
            sum(1 for row in rows if today - 30 * DAY <= row["membership_end"] < today))


def page_number(raw, pages):
    if raw is None or not re.fullmatch(r"-?[0-9]+", raw):
        return 1
    number = int(raw)
    return pages if number < 1 or number > pages else number


@pytest.fixture
def treasurer_client(client, treasurer):
    client.force_login(treasurer)
    return client


@examples(60)
@given(members=st.lists(member, min_size=1, max_size=60), pairs=query)
def test_the_list_its_export_and_the_counts_follow_the_rule(treasurer_client, treasurer, members, pairs):
    """The export: every row, in order, with its state, profession, end and last payment;
    the page asked for, through the real listing; the dashboard's counts."""
    with rolled_back():
        today = timezone.localdate()
        users = make(members, today)
        expected = reference(users, pairs, today)

        response = treasurer_client.get(URL + "?" + urlencode(pairs + [("export", "csv")]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode("utf-8-sig")
        exported = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
        assert [row[2] for row in exported] == [row["email"] for row in expected]
        from fees.listing import state_label

        assert [row[3] for row in exported] == [row["profession_name"] for row in expected]
        assert [row[4] for row in exported] == [state_label(row["state"]) for row in expected]
        assert [row[5] for row in exported] == [row["membership_end"].isoformat() for row in expected]
        assert [row[6] for row in exported] == [row["last_payment"].isoformat() if row["last_payment"] else ""
                                                for row in expected]

        response = treasurer_client.get(URL + "?" + urlencode(pairs))
        assert response.status_code == 200
        shown = re.findall(r"m[0-9]+@example\.org", response.content.decode().split("<tbody")[-1]) \
            if "<tbody" in response.content.decode() else []
        pages = max(1, math.ceil(len(expected) / PER_PAGE))
        number = page_number(last(pairs, "p"), pages)
        assert list(dict.fromkeys(shown)) == [row["email"] for row in expected[(number - 1) * PER_PAGE:number * PER_PAGE]]

        request = RequestFactory().get("/admin/")
        request.user = treasurer
        context = FeesSummaryPanel().get_context_data({"request": request})
        by_state, lapsed_this_month = counts(users, today)
        labels = {str(label): state for state, label in __import__("fees.membership", fromlist=["State"]).State.LABELS.items()}
        assert {labels[str(label)]: n for label, n, _url in context["rows"]} == by_state
        assert context["lapsed_this_month"] == lapsed_this_month


@examples(10)
@given(members=st.lists(member, min_size=1, max_size=8), pairs=query,
       who=st.sampled_from(["anonymous", "member", "editor"]))
def test_nobody_else_sees_a_row(client, members, pairs, who):
    with rolled_back():
        make(members, timezone.localdate())
        if who != "anonymous":
            client.force_login(UserFactory(username=f"other-{who}", groups=["Members" if who == "member" else "Editors"]))
        for extra in ([], [("export", "csv")]):
            response = client.get(URL + "?" + urlencode(pairs + extra))
            assert response.status_code in (302, 403)
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"@example.org" not in content
