"""The programme's statistics (support.statistics.programme_statistics), checked against plain
counts of the families made for each example and a plain checker of the masking rule.

The rule (README, "Individual family support", Statistics; docs/privacy.md; the module's
docstring), with SUPPORT_STATISTICS_THRESHOLD = 5:
- The report of a year counts the families referred that year (Paris dates), the ones still
  held and the ones erased (what they left), in the same terms.
- No cell describes fewer than 5 families, nor can one be worked out by subtraction from the
  total: cells of 1 to 4 families are grouped into an "others" row, with the smallest shown
  cells beside them until that row reaches 5; an empty cell describes nobody and stays 0. A
  table describing fewer than 5 families shows "< 5" in every cell (a year with fewer than 5
  referrals shows "< 5" everywhere).
- The median delay from referral to first contact, and the mean and median number of contacts,
  are given over the supported families (at least one contact) only when there are 5 of them
  at least. A share ("the share of supported families reaching a collective space / a local
  structure": counted among the supported families only, so a family whose path was recorded
  without any contact is in neither side) is given only when at least 5 families are counted
  and at least 5 are not.
"""

import datetime
import zoneinfo
from collections import Counter

import pytest
from hypothesis import event as note
from hypothesis import example, given
from hypothesis import strategies as st

from resources.factories import WorkshopFactory
from support import retention
from support.factories import ContactFactory, FamilyFactory, PartnerStructureFactory
from support.models import Consent, Family, Step
from support.statistics import programme_statistics
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

YEAR = 2026
THRESHOLD = 5
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
INSTITUTIONS = ["CHU Purpan", "MDS Arènes", "MDS Bagatelle", "Udaf 31", "Voyelles"]
# Referral instants at the edges of the year and of a month in Paris time (UTC says otherwise).
EDGES = [
    datetime.datetime(2025, 12, 31, 23, 30, tzinfo=PARIS),  # 2025
    datetime.datetime(2026, 1, 1, 0, 15, tzinfo=PARIS),  # January 2026 (still 2025 in UTC)
    datetime.datetime(2026, 4, 1, 0, 30, tzinfo=PARIS),  # April (March in UTC)
    datetime.datetime(2026, 12, 31, 23, 45, tzinfo=PARIS),  # December 2026
    datetime.datetime(2027, 1, 1, 0, 30, tzinfo=PARIS),  # 2027 (still 2026 in UTC)
]

month = st.integers(1, 12).map(lambda m: datetime.datetime(YEAR, m, 14, 10, tzinfo=PARIS))
contacts = st.lists(st.integers(0, 45), max_size=3)  # days after the referral
# What the families of a cohort (one institution) choose from: a few values of each, so that
# tables get large cells and small ones.
cohort = st.fixed_dictionaries({
    "institution": st.integers(0, len(INSTITUTIONS) - 1),
    "count": st.integers(1, 12),
    "referred": st.lists(st.one_of(month, month, month, st.sampled_from(EDGES)), min_size=1, max_size=3),
    "reason": st.lists(st.sampled_from(Family.Reason.values), min_size=1, max_size=3),
    "contacts": st.lists(contacts, min_size=1, max_size=3),
    "collective": st.lists(st.booleans(), min_size=1, max_size=2),
    "structure": st.lists(st.booleans(), min_size=1, max_size=2),
    "outcome": st.lists(st.one_of(st.none(), st.sampled_from(Family.Outcome.values)), min_size=1, max_size=3),
    "erased": st.lists(st.booleans(), min_size=1, max_size=2),
})
CHOSEN = ("referred", "reason", "contacts", "collective", "structure", "outcome", "erased")


@st.composite
def families(draw, at_most=40):
    """Families referred by a few cohorts; at most `at_most` of them."""
    made = []
    for group in draw(st.lists(cohort, max_size=5)):
        for _n in range(group["count"]):
            made.append({"institution": group["institution"],
                         **{key: draw(st.sampled_from(group[key])) for key in CHOSEN}})
    return made[:at_most]


@pytest.fixture
def setting(db):
    institutions = [PartnerStructureFactory(name=name) for name in INSTITUTIONS]
    return {"institutions": institutions, "workshop": WorkshopFactory()}


def make(families, setting):
    """The families through the models, as the programme records them; some then erased."""
    for data in families:
        institution = setting["institutions"][data["institution"]]
        day = data["referred"].astimezone(PARIS).date()
        closed = data["outcome"] is not None
        record = FamilyFactory(
            referrer=None, institution=institution, reason=data["reason"], referred_at=data["referred"],
            status=Family.Status.CLOSED if closed else Family.Status.IN_PROGRESS, outcome=data["outcome"] or "",
            closed_at=data["referred"] + datetime.timedelta(days=60) if closed else None,
        )
        for offset in data["contacts"]:
            ContactFactory(family=record, date=day + datetime.timedelta(days=offset))
        if data["collective"] or data["structure"]:
            # Steps wait for the family's agreement to be supported (it may be given without a
            # contact being recorded).
            Consent.objects.create(family=record, purpose=Consent.Purpose.SUPPORT, given=True)
        if data["collective"]:
            Step.objects.create(family=record, kind=Step.Kind.COLLECTIVE_SPACE, date=day, event=setting["workshop"])
        if data["structure"]:
            Step.objects.create(family=record, kind=Step.Kind.LOCAL_STRUCTURE, date=day, structure=institution)
        if data["erased"]:
            retention.erase(record.pk)


# --- The references, from the rule ---------------------------------------------------------

def of_the_year(families):
    return [f for f in families if f["referred"].astimezone(PARIS).year == YEAR]


def masked_count(n):
    return n if n >= THRESHOLD else f"< {THRESHOLD}"


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def tables(families):
    """The true counts of each table: {label: families}."""
    months = Counter(datetime.date(YEAR, f["referred"].astimezone(PARIS).month, 1) for f in families)
    return {
        "months": {datetime.date(YEAR, m, 1): months[datetime.date(YEAR, m, 1)] for m in range(1, 13)},
        "institutions": {name: sum(INSTITUTIONS[f["institution"]] == name for f in families) for name in INSTITUTIONS},
        "reasons": {str(label): sum(f["reason"] == value for f in families) for value, label in Family.Reason.choices},
        "outcomes": {str(label): sum(f["outcome"] == value for f in families) for value, label in Family.Outcome.choices},
    }


def read_table(rows, labels):
    """A table as shown: ({label: number or masked text}, the "others" row's value or None)."""
    cells, others = {}, []
    for label, value in rows:
        if label in labels:
            assert label not in cells, f"{label} shown twice"
            cells[label] = value
        else:
            others.append(value)
    assert len(others) <= 1, "one others row at most"
    return cells, (others[0] if others else None)


def unknown_by_one_subtraction(cells, others, total):
    """Plain checker: every known sum (the table's total over all its cells, the others row
    over the grouped cells) minus the cells shown in it. Returns what a single subtraction
    reveals: a grouped cell left alone (worked out), or a remainder under the threshold."""
    shown = {label: v for label, v in cells.items() if isinstance(v, int)}
    hidden = [label for label, v in cells.items() if not isinstance(v, int)]
    sums = []
    if isinstance(total, int):
        sums.append(("the total", total, list(cells)))
    if others is not None:
        sums.append(("the others row", others, hidden))
    found = []
    for name, value, over in sums:
        rest = value - sum(shown.get(label, 0) for label in over)
        unknown = [label for label in over if label in hidden]
        if len(unknown) == 1:
            found.append(f"{name} minus the shown cells gives {unknown[0]} = {rest}")
        elif unknown and rest < THRESHOLD:
            found.append(f"{name} minus the shown cells gives {rest} families for {unknown}")
        elif not unknown and rest != 0:
            found.append(f"{name} does not add up ({rest} unaccounted for)")
    return found


def check_table(name, rows, truth, total):
    cells, others = read_table(rows, set(truth))
    if name == "institutions":  # an institution that referred nobody this year may be left out
        assert all(truth[label] == 0 for label in truth if label not in cells), name
        truth = {label: n for label, n in truth.items() if label in cells}
    assert set(cells) == set(truth), name
    described = sum(truth.values())
    if described < THRESHOLD:
        # A table describing fewer than 5 families: "< 5" in every cell, nothing else.
        assert others is None and all(v == f"< {THRESHOLD}" for v in cells.values()), name
        return
    hidden = [label for label, v in cells.items() if not isinstance(v, int)]
    for label, value in cells.items():
        if isinstance(value, int):
            assert value == truth[label], f"{name}: {label}"
            assert value == 0 or value >= THRESHOLD, f"{name}: {label} shows {value} families"
        else:
            assert truth[label] > 0, f"{name}: an empty cell ({label}) is grouped"
    # Cells of 1 to 4 families are grouped; with them, only the smallest shown cells, and only
    # until the others row reaches 5.
    small = [label for label in truth if 0 < truth[label] < THRESHOLD]
    assert set(small) <= set(hidden), name
    if hidden:
        assert others == sum(truth[label] for label in hidden), name
        joined = [truth[label] for label in hidden if truth[label] >= THRESHOLD]
        still_shown = [v for v in cells.values() if isinstance(v, int) and v]
        assert all(j <= s for j in joined for s in still_shown), f"{name}: a larger cell grouped before a smaller one"
        assert not joined or others - max(joined) < THRESHOLD, f"{name}: more cells grouped than needed"
        note(f"{name}: shown cells joined the others row" if joined else f"{name}: small cells grouped")
    else:
        assert others is None, name
    assert unknown_by_one_subtraction(cells, others, total) == [], name


# --- The property ----------------------------------------------------------------------------

def alike(count, **data):
    base = {"referred": datetime.datetime(YEAR, 3, 14, 10, tzinfo=PARIS), "institution": 0, "reason": "isolation",
            "contacts": [2], "collective": False, "structure": False, "outcome": None, "erased": False}
    return [{**base, **data} for _n in range(count)]


# Always tried as well: eleven supported families, six of them in a collective space, and one
# family whose path was recorded without a contact (its agreement given on the phone).
STEP_WITHOUT_CONTACT = alike(6, collective=True) + alike(5) + alike(1, contacts=[], collective=True)


@examples(40)
@given(families=families())
@example(families=STEP_WITHOUT_CONTACT)
def test_no_masked_cell_can_be_worked_out_and_the_figures_follow_the_rule(setting, families):
    with rolled_back():
        make(families, setting)
        report = programme_statistics(YEAR)
        year = of_the_year(families)
        truth = tables(year)
        total = len(year)
        assert report["total"] == masked_count(total)

        # The tables: each sums to the year's total (outcomes: to the closed families, whose
        # number is not shown).
        for name in ("months", "institutions", "reasons"):
            check_table(name, report[name], truth[name], report["total"])
        check_table("outcomes", report["outcomes"], truth["outcomes"], None)

        # Medians, mean and shares over the supported families (at least one contact).
        supported = [f for f in year if f["contacts"]]
        assert report["supported"] == masked_count(len(supported))
        assert report["delay_count"] == masked_count(len(supported))
        if len(supported) >= THRESHOLD:
            assert report["delay_median"] == median([min(f["contacts"]) for f in supported])
            assert report["contacts_median"] == median([len(f["contacts"]) for f in supported])
            mean = sum(len(f["contacts"]) for f in supported) / len(supported)
            assert abs(report["contacts_mean"] - mean) <= 0.05 + 1e-9
        else:
            assert report["delay_median"] is None
            assert report["contacts_mean"] is None and report["contacts_median"] is None
        for key, step in (("collective_share", "collective"), ("structure_share", "structure")):
            reached = sum(bool(f[step]) for f in supported)
            if reached >= THRESHOLD and len(supported) - reached >= THRESHOLD:
                note(f"{key} given")
                assert report[key] is not None and abs(report[key] - 100 * reached / len(supported)) <= 0.5, key
            else:
                assert report[key] is None, key
