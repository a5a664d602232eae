"""The family support's retention job (support.retention.erase_expired), checked against a plain
reference written from the rule (README "Individual family support", docs/privacy.md section 6,
the module's docstring).

The rule:
- Periods are counted in months on Paris calendar days: "N months after the day D" is the same
  day N months later, or the last day of that month when it is shorter (31 August + 6 months is
  28 or 29 February). The period includes its last day; on any later day the data is past it.
- A closed support (any outcome but refused or unreachable): SUPPORT_CLOSED_RETENTION_MONTHS
  after its closure. A support left in progress with no activity (referral, assignment,
  contact) for as long: the same period after its last activity, counted with the closed ones.
- A referral refused or never answered: closed as refused or unreachable,
  SUPPORT_UNANSWERED_RETENTION_MONTHS after closure; never taken up (received, no contact), as
  long after the referral. Both counted as "unanswered".
- The read log: SUPPORT_ACCESS_LOG_RETENTION_MONTHS after the entry; an erased family's entries
  stay (reference only, no link) until then.
- An erased family leaves exactly one `AnonymisedSupport` row, at the month level (referral and
  closure months, institution, reason, outcome, number of contacts, steps reached), kept without
  limit; its contacts, steps and consents go with it.
- The run records and reports counts only, and they are what was erased. Nothing younger than
  its period is touched; a second run at the same moment erases nothing more.
"""

import calendar
import datetime
import re
import zoneinfo
from collections import Counter
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import retention
from support.factories import ContactFactory, FamilyFactory, PartnerStructureFactory
from support.models import AccessLog, AnonymisedSupport, Consent, Contact, ErasureRun, Family, Step
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc
REFUSED_OR_UNREACHABLE = {"refused", "unreachable"}
OUTCOMES = ["collective", "structure", "ended", "moved", "refused", "unreachable", "other", ""]

# Days the job runs on: month ends of every length, 29 February, the 1st after them, daylight
# saving changes in Paris; and any day.
SPECIAL_DAYS = [
    datetime.date(2026, 8, 31), datetime.date(2026, 8, 29), datetime.date(2026, 8, 30),
    datetime.date(2028, 2, 29), datetime.date(2027, 2, 28), datetime.date(2028, 8, 31),
    datetime.date(2026, 10, 31), datetime.date(2026, 12, 31), datetime.date(2027, 3, 31),
    datetime.date(2027, 4, 30), datetime.date(2026, 3, 1), datetime.date(2028, 3, 1),
    datetime.date(2026, 3, 29), datetime.date(2026, 10, 25), datetime.date(2027, 3, 28),
]
# Times of day around midnight in Paris (a different day in UTC), the job's 03:30, noon.
TIMES = [
    datetime.time(0, 0), datetime.time(0, 30), datetime.time(1, 59), datetime.time(3, 30),
    datetime.time(12, 0), datetime.time(22, 30), datetime.time(23, 59, 59),
]


def add_months(day, months):
    """The same day `months` later (earlier when negative), the month's last day if shorter."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = total // 12, total % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def paris_day(moment):
    return moment.astimezone(PARIS).date()


def past(day, months, today):
    """The reference: data dated `day` is past a period of `months` months on `today`."""
    return add_months(day, months) < today


# A moment relative to the run: so many months back, either around the period that applies to
# the record (one month either side of it; a few days either way, most often none, so that a
# shortened month end is hit) or anywhere in the last three years; a time of day.
relative = st.fixed_dictionaries({
    "own_period": st.booleans(),
    "months": st.integers(-1, 1),
    "any_months": st.integers(0, 36),
    "days": st.sampled_from([0, 0, 0, 0, -1, 1, -3, 3]),
    "time": st.sampled_from(TIMES),
})

families = st.lists(
    st.fixed_dictionaries({
        "status": st.sampled_from(["received", "in_progress", "closed"]),
        "outcome": st.sampled_from(OUTCOMES),
        "referred": relative,
        "assigned": st.one_of(st.none(), relative),
        "contacts": st.lists(relative, max_size=3),
        "closed": relative,
        "step": st.booleans(),
    }),
    max_size=7,
)
log_entries = st.lists(st.tuples(relative, st.one_of(st.none(), st.integers(0, 6))), max_size=6)
now_strategy = st.builds(
    lambda day, time: datetime.datetime.combine(day, time, tzinfo=PARIS),
    st.one_of(st.sampled_from(SPECIAL_DAYS), st.dates(datetime.date(2026, 1, 1), datetime.date(2029, 12, 31))),
    st.sampled_from(TIMES),
)
periods_strategy = st.fixed_dictionaries({
    "closed": st.sampled_from([24, 12, 3]),
    "unanswered": st.sampled_from([6, 1, 13]),
    "log": st.sampled_from([24, 7]),
})


def resolve(spec, now, period):
    """The moment (Paris) a relative spec stands for, never after `now`; `period` is the one
    that applies to the record."""
    months = period + spec["months"] if spec["own_period"] else spec["any_months"]
    day = add_months(paris_day(now), -months) + datetime.timedelta(days=spec["days"])
    return min(datetime.datetime.combine(day, spec["time"], tzinfo=PARIS), now)


def period_of(spec, periods):
    """The period that applies to a family: used to draw its dates near the boundary only."""
    if spec["status"] == "received" or (spec["status"] == "closed" and spec["outcome"] in REFUSED_OR_UNREACHABLE):
        return periods["unanswered"]
    return periods["closed"]


def plan(spec, now, periods):
    """A family in a state the programme can produce: a received family has no contact and no
    referent (both move it to in progress); a referral precedes its assignment, contacts and
    closure."""
    period = period_of(spec, periods)
    referred = resolve(spec["referred"], now, period)
    contacts, assigned, closed = [], None, None
    if spec["status"] != "received":
        contacts = [max(paris_day(resolve(contact, now, period)), paris_day(referred)) for contact in spec["contacts"]]
        if spec["assigned"] is not None:
            assigned = max(resolve(spec["assigned"], now, period), referred)
    if spec["status"] == "closed":
        closed = max(resolve(spec["closed"], now, period), referred, *(
            datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=PARIS) for day in contacts))
        closed = min(closed, now)
    outcome = spec["outcome"] if spec["status"] == "closed" else ""
    return {"status": spec["status"], "outcome": outcome, "referred": referred, "assigned": assigned,
            "contacts": contacts, "closed": closed, "step": spec["step"] and spec["status"] != "received"}


def expected_erasure(family, today, periods):
    """The reference: None (kept), "closed" or "unanswered"."""
    if family["status"] == "closed":
        if family["outcome"] in REFUSED_OR_UNREACHABLE:
            return "unanswered" if past(paris_day(family["closed"]), periods["unanswered"], today) else None
        return "closed" if past(paris_day(family["closed"]), periods["closed"], today) else None
    if family["status"] == "received":  # never taken up: no contact, by construction
        return "unanswered" if past(paris_day(family["referred"]), periods["unanswered"], today) else None
    activity = [paris_day(family["referred"]), *family["contacts"]]
    if family["assigned"] is not None:
        activity.append(paris_day(family["assigned"]))
    return "closed" if past(max(activity), periods["closed"], today) else None


def month_of(moment):
    return paris_day(moment).replace(day=1) if moment else None


def snapshot():
    """Everything the job may change, in comparable form."""
    return {
        "families": sorted(Family.objects.values_list("pk", "status", "closed_at", "outcome")),
        "contacts": sorted(Contact.objects.values_list("pk", "family_id", "date")),
        "steps": sorted(Step.objects.values_list("pk", "family_id")),
        "consents": sorted(Consent.objects.values_list("pk", "family_id")),
        "log": sorted(AccessLog.objects.values_list("pk", "family_id", "reference", "at")),
        "anonymised": sorted(AnonymisedSupport.objects.values_list(
            "pk", "referral_month", "closed_month", "outcome", "contacts", "erased_on")),
    }


def run_at(now):
    with mock.patch("django.utils.timezone.now", return_value=now.astimezone(UTC)):
        return retention.erase_expired()


def at(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def test_examples_at_month_ends(settings):
    """Counted forwards from the record's day: 28 February + 6 months is 28 August, so on the
    29th, 30th and 31st the record is past its period; 31 August - 6 months is not the test."""
    settings.SUPPORT_CLOSED_RETENTION_MONTHS, settings.SUPPORT_UNANSWERED_RETENTION_MONTHS = 24, 6
    settings.SUPPORT_ACCESS_LOG_RETENTION_MONTHS = 24
    institution = PartnerStructureFactory(name="MDS des exemples")

    def refused(closed):
        return FamilyFactory(referrer=None, institution=institution, status="closed", outcome="refused",
                             referred_at=closed - datetime.timedelta(days=20), closed_at=closed)

    end_of_february = refused(at(2026, 2, 28, 23, 30))
    first_of_march = refused(at(2026, 3, 1, 0, 15))
    run_at(at(2026, 8, 28, 3, 30))
    assert set(Family.objects.values_list("pk", flat=True)) == {end_of_february.pk, first_of_march.pk}
    run_at(at(2026, 8, 31, 3, 30))
    assert set(Family.objects.values_list("pk", flat=True)) == {first_of_march.pk}
    # 28 February 2026 + 24 months is 28 February 2028: past on 29 February.
    entry = AccessLog.objects.create(reference="F-09998", action="view", at=at(2026, 2, 28, 0, 0))
    run_at(at(2028, 2, 28, 23, 59))
    assert AccessLog.objects.filter(pk=entry.pk).exists()
    run_at(at(2028, 2, 29, 0, 0))
    assert not AccessLog.objects.filter(pk=entry.pk).exists()


@examples(40)
@given(specs=families, logs=log_entries, now=now_strategy, periods=periods_strategy)
def test_property_the_job_erases_exactly_what_is_past_its_period(specs, logs, now, periods, settings):
    settings.SUPPORT_CLOSED_RETENTION_MONTHS = periods["closed"]
    settings.SUPPORT_UNANSWERED_RETENTION_MONTHS = periods["unanswered"]
    settings.SUPPORT_ACCESS_LOG_RETENTION_MONTHS = periods["log"]
    today = paris_day(now)
    with rolled_back():
        institution = PartnerStructureFactory(name="MDS des propriétés")
        # An erased family of long ago: its anonymised row is kept without limit.
        ancient = AnonymisedSupport.objects.create(
            referral_month=datetime.date(2015, 3, 1), institution=institution, reason="isolation",
            contacts=2, closed_month=datetime.date(2016, 1, 1), outcome="moved", erased_on=datetime.date(2018, 2, 2),
        )
        created = []  # (family, plan)
        for spec in specs:
            family_plan = plan(spec, now, periods)
            family = FamilyFactory(
                referrer=None, institution=institution, status=family_plan["status"], outcome=family_plan["outcome"],
                referred_at=family_plan["referred"], assigned_at=family_plan["assigned"], closed_at=family_plan["closed"],
            )
            for day in family_plan["contacts"]:
                ContactFactory(family=family, date=day)
            Consent.objects.create(family=family, purpose="contact", given=True, recorded_at=family_plan["referred"])
            if family_plan["step"]:
                Step.objects.create(family=family, kind="local_structure", date=paris_day(family_plan["referred"]))
            created.append((family, family_plan))
        entries = []  # (entry, its moment)
        for spec, index in logs:
            family = created[index][0] if index is not None and index < len(created) else None
            at = resolve(spec, now, periods["log"])
            entry = AccessLog.objects.create(
                family=family, reference=family.reference if family else "F-09999", action="view", at=at)
            entries.append((entry, at))

        last_run = ErasureRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with mock.patch("django.utils.timezone.now", return_value=now.astimezone(UTC)):
            report = retention.erase_expired()
            after_first = snapshot()
            second_report = retention.erase_expired()
        runs = list(ErasureRun.objects.filter(pk__gt=last_run).order_by("pk"))

        # The reference, from the rule alone.
        fate = {family.pk: expected_erasure(family_plan, today, periods) for family, family_plan in created}
        erased = {pk for pk, kind in fate.items() if kind}
        plans = {family.pk: family_plan for family, family_plan in created}
        log_gone = {entry.pk for entry, at in entries if past(paris_day(at), periods["log"], today)}
        closed_count = sum(kind == "closed" for kind in fate.values())
        unanswered_count = sum(kind == "unanswered" for kind in fate.values())

        def describe():
            return {pk: (plans[pk]["status"], plans[pk]["outcome"], fate[pk]) for pk in fate}

        remaining = set(Family.objects.values_list("pk", flat=True))
        assert remaining == set(fate) - erased, f"run on {now:%Y-%m-%d %H:%M} Paris, families {describe()}"
        # Their contacts, steps and consents went with them; the kept families' are untouched.
        for family, family_plan in created:
            kept = family.pk not in erased
            assert Contact.objects.filter(family_id=family.pk).count() == (len(family_plan["contacts"]) if kept else 0)
            assert Step.objects.filter(family_id=family.pk).count() == (int(family_plan["step"]) if kept else 0)
            assert Consent.objects.filter(family_id=family.pk).count() == (1 if kept else 0)
            if kept:
                family.refresh_from_db()
                assert (family.status, family.closed_at, family.outcome) == (
                    family_plan["status"], family_plan["closed"], family_plan["outcome"])

        # The read log: exactly the entries past their period; the others keep the reference,
        # without the link when their family was erased.
        assert set(AccessLog.objects.values_list("pk", flat=True)) == {entry.pk for entry, _at in entries} - log_gone
        for entry, _at in entries:
            if entry.pk not in log_gone:
                kept_entry = AccessLog.objects.get(pk=entry.pk)
                assert kept_entry.reference == entry.reference
                assert kept_entry.family_id == (None if entry.family_id in erased else entry.family_id)

        # One month-level anonymised row per erased family; the old one is kept.
        assert AnonymisedSupport.objects.filter(pk=ancient.pk).exists()
        new_rows = AnonymisedSupport.objects.exclude(pk=ancient.pk)
        assert Counter(new_rows.values_list("referral_month", "closed_month", "outcome", "contacts", "reason")) == Counter(
            (month_of(plans[pk]["referred"]), month_of(plans[pk]["closed"]), plans[pk]["outcome"],
             len(plans[pk]["contacts"]), "isolation")
            for pk in erased
        )
        assert all(row.erased_on == today and not row.erased_on_request for row in new_rows)

        # Counts only, and they are what was erased.
        assert [(run.closed, run.unanswered, run.log_entries) for run in runs] == [
            (closed_count, unanswered_count, len(log_gone)), (0, 0, 0)]
        assert [int(number) for number in re.findall(r"\d+", report)] == [closed_count, unanswered_count, len(log_gone)]
        assert [int(number) for number in re.findall(r"\d+", second_report)] == [0, 0, 0]
        # Idempotent: the second run changed nothing.
        assert snapshot() == after_first
