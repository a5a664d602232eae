"""Anonymised statistics of the programme, for the board and funders.

Computed from the families still held and from what erased ones left (`AnonymisedSupport`),
in the same terms. No cell describing fewer than SUPPORT_STATISTICS_THRESHOLD families is
shown, nor can one be worked out by subtraction: small cells are grouped (`pooled`); an
average, a median or a share over fewer families (or leaving fewer out) is not given.
What masking cannot prevent: comparing two reports made at different times.
"""

import statistics as pystats
from collections import Counter
from datetime import date

from django.conf import settings
from django.db.models import Count, Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import PartnerStructure
from support.models import AnonymisedSupport, Contact, DropInSession, Family, Step


def threshold():
    return settings.SUPPORT_STATISTICS_THRESHOLD


def anonymised_facts(family):
    """The numbers the statistics keep of a family (what an erased family leaves behind).
    Served from prefetched contacts and steps when the caller prefetched them."""
    contacts = [contact.date for contact in family.contacts.all()]
    steps = {step.kind for step in family.steps.all()}
    referred = timezone.localdate(family.referred_at)
    first = min(contacts) if contacts else None
    return {
        "referral_month": referred.replace(day=1),
        "institution_id": family.institution_id,
        "reason": family.reason,
        "days_to_first_contact": max((first - referred).days, 0) if first else None,
        "contacts": len(contacts),
        "reached_collective": Step.Kind.COLLECTIVE_SPACE in steps,
        "reached_structure": Step.Kind.LOCAL_STRUCTURE in steps,
        "closed_month": timezone.localdate(family.closed_at).replace(day=1) if family.closed_at else None,
        "outcome": family.outcome,
    }


def _live_facts(year):
    # Only unencrypted columns are loaded: the statistics never decrypt anything.
    families = (
        Family.objects.filter(referred_at__year=year)
        .prefetch_related(
            Prefetch("contacts", Contact.objects.only("pk", "family_id", "date")),
            Prefetch("steps", Step.objects.only("pk", "family_id", "kind")),
        )
        .only("pk", "referred_at", "institution_id", "reason", "closed_at", "outcome")
    )
    return (anonymised_facts(family) for family in families)


def _erased_facts(year):
    return AnonymisedSupport.objects.filter(referral_month__year=year).values(
        "referral_month", "institution_id", "reason", "days_to_first_contact", "contacts",
        "reached_collective", "reached_structure", "closed_month", "outcome",
    )


def count_cell(n):
    return n if n >= threshold() else f"< {threshold()}"


def pooled(rows, others_label):
    """A table's (label, count) rows with no cell under the threshold and no way to work one
    out from the total: non-empty cells under it are grouped into one "others" row, and while that row
    is itself under the threshold the smallest shown cells join it (so total minus the shown
    cells is never a small number). Grouped cells read "regroupé"; when the whole table
    describes fewer families than the threshold, every cell reads "< 5"."""
    rows = list(rows)
    if sum(n for _label, n in rows) < threshold():
        return [(label, count_cell(0)) for label, _n in rows]
    # An empty cell describes no family: it stays 0. Cells of 1 to 4 families are grouped.
    grouped = {index for index, (_label, n) in enumerate(rows) if 0 < n < threshold()}
    pool = sum(rows[index][1] for index in grouped)
    shown = sorted((n, index) for index, (_label, n) in enumerate(rows) if index not in grouped and n)
    while grouped and pool < threshold() and shown:
        n, index = shown.pop(0)
        grouped.add(index)
        pool += n
    result = [(label, _("regroupé") if index in grouped else n) for index, (label, n) in enumerate(rows)]
    if grouped:
        result.append((others_label, pool))
    return result


def programme_statistics(year):
    """The report for `year` (referrals made that year), every cell already masked."""
    facts = list(_live_facts(year)) + list(_erased_facts(year))
    total = len(facts)
    months = Counter(f["referral_month"].month for f in facts)
    institutions = Counter(f["institution_id"] for f in facts)
    names = dict(PartnerStructure.objects.filter(pk__in=institutions).values_list("pk", "name"))
    delays = [f["days_to_first_contact"] for f in facts if f["days_to_first_contact"] is not None]
    contacted = [f["contacts"] for f in facts if f["contacts"]]
    outcomes = Counter(f["outcome"] for f in facts if f["outcome"])
    reasons = Counter(f["reason"] for f in facts)

    def share(count, among):
        # Neither the families counted nor the others may be fewer than the threshold.
        if count < threshold() or among - count < threshold():
            return None
        return round(100 * count / among)

    enough = total >= threshold()
    return {
        "year": year,
        "threshold": threshold(),
        "total": count_cell(total),
        "months": pooled([(date(year, m, 1), months.get(m, 0)) for m in range(1, 13)],
                         _("autres mois (regroupés)")),
        "institutions": pooled(sorted(((names.get(pk, "—"), n) for pk, n in institutions.items()), key=lambda r: r[0]),
                               _("autres institutions (regroupées)")),
        "reasons": pooled([(str(label), reasons.get(value, 0)) for value, label in Family.Reason.choices],
                          _("autres motifs (regroupés)")),
        "delay_median": pystats.median(delays) if len(delays) >= threshold() else None,
        "delay_count": count_cell(len(delays)),
        "contacts_mean": round(pystats.mean(contacted), 1) if len(contacted) >= threshold() else None,
        "contacts_median": pystats.median(contacted) if len(contacted) >= threshold() else None,
        # Shares of the supported families (at least one contact): a step recorded for a family
        # never contacted is not counted above its denominator.
        "collective_share": (
            share(sum(f["reached_collective"] for f in facts if f["contacts"]), len(contacted)) if enough else None
        ),
        "structure_share": (
            share(sum(f["reached_structure"] for f in facts if f["contacts"]), len(contacted)) if enough else None
        ),
        "supported": count_cell(len(contacted)),
        "outcomes": pooled([(str(label), outcomes.get(value, 0)) for value, label in Family.Outcome.choices],
                           _("autres issues (regroupées)")),
        "drop_ins": drop_in_totals(year),
    }


def drop_in_totals(year):
    """The drop-in sessions held in `year` whose counts were recorded, and the families seen."""
    totals = DropInSession.objects.filter(date__year=year, families_seen__isnull=False).aggregate(
        sessions=Count("pk"), families=Sum("families_seen")
    )
    return {"sessions": totals["sessions"], "families": count_cell(totals["families"] or 0)}


def csv_rows(report):
    """The report as rows (section, label, value) for the CSV export: the same masked cells."""
    missing = _("moins de %(n)s familles") % {"n": report["threshold"]}
    yield [_("rubrique"), _("libellé"), _("valeur")]
    yield [_("Orientations"), _("Total %(year)s") % {"year": report["year"]}, report["total"]]
    for month, value in report["months"]:
        yield [_("Orientations par mois"), month.strftime("%Y-%m") if isinstance(month, date) else month, value]
    for name, value in report["institutions"]:
        yield [_("Orientations par institution"), name, value]  # home.exports neutralises formulas
    for label, value in report["reasons"]:
        yield [_("Motifs"), str(label), value]
    yield [_("Premier contact"), _("délai médian (jours)"), report["delay_median"] if report["delay_median"] is not None else missing]
    yield [_("Contacts"), _("moyenne par famille accompagnée"), report["contacts_mean"] if report["contacts_mean"] is not None else missing]
    yield [_("Contacts"), _("médiane par famille accompagnée"), report["contacts_median"] if report["contacts_median"] is not None else missing]
    yield [_("Parcours"), _("part ayant rejoint un espace collectif (%)"), report["collective_share"] if report["collective_share"] is not None else missing]
    yield [_("Parcours"), _("part orientée vers une structure de proximité (%)"), report["structure_share"] if report["structure_share"] is not None else missing]
    for label, value in report["outcomes"]:
        yield [_("Issues"), str(label), value]
    yield [_("Permanences familles"), _("permanences tenues"), report["drop_ins"]["sessions"]]
    yield [_("Permanences familles"), _("familles reçues"), report["drop_ins"]["families"]]
