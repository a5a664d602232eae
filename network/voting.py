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
