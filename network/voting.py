"""The commission's collective decision rule, as a plain function.

The seed: the commission decides "de manière collective" on each professional's entry.
Our rule: an application is accepted once at least `min_voters` commission members have
voted (abstentions count as having taken part) and the votes for outnumber the votes
against; it is rejected as soon as that can no longer happen, even if every member who has
not voted yet voted for it.
"""

from dataclasses import dataclass

APPROVE = "approve"
REJECT = "reject"


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    @property
    def voters(self):
        return self.votes_for + self.votes_against + self.abstentions


def decide(tally, eligible_voters, min_voters):
    """APPROVE, REJECT, or None while the outcome is still open.

    `eligible_voters` is how many people may vote on this application in all (the
    commission members, less the applicant if they are one); those who have voted included.
    """
    min_voters = max(1, min_voters)
    if tally.voters >= min_voters and tally.votes_for > tally.votes_against:
        return APPROVE
    remaining = max(0, eligible_voters - tally.voters)
    best_for = tally.votes_for + remaining
    if tally.voters + remaining < min_voters or best_for <= tally.votes_against:
        return REJECT
    return None


@dataclass(frozen=True)
class CriterionSummary:
    """How the commission read one criterion: how many votes found it met, partly met or
    not met, and the comments given, in the order of the votes."""

    criterion: str
    meets: int = 0
    partly: int = 0
    does_not: int = 0
    comments: tuple = ()

    @property
    def assessed(self):
        return self.meets + self.partly + self.does_not


def summarise_criteria(criteria, assessments):
    """One CriterionSummary per criterion, in the order of `criteria`, from `assessments`:
    (criterion, level, comment) triples with level "meets", "partly" or "does_not".
    Assessments of unknown criteria or levels are ignored. Advisory: `decide` never reads
    them."""
    counts = {criterion: {"meets": 0, "partly": 0, "does_not": 0} for criterion in criteria}
    comments = {criterion: [] for criterion in criteria}
    for criterion, level, comment in assessments:
        if criterion not in counts or level not in counts[criterion]:
            continue
        counts[criterion][level] += 1
        if comment and comment.strip():
            comments[criterion].append(comment.strip())
    return [
        CriterionSummary(criterion, comments=tuple(comments[criterion]), **counts[criterion]) for criterion in criteria
    ]

