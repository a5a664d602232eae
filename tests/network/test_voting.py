"""The collective decision rule."""

import pytest

from network.voting import APPROVE, REJECT, Tally, decide


@pytest.mark.parametrize(
    "tally,eligible,minimum,expected",
    [
        (Tally(), 5, 3, None),
        (Tally(2, 0, 0), 5, 3, None),  # not enough voters yet
        (Tally(2, 1, 0), 5, 3, APPROVE),  # majority of votes cast, three voters
        (Tally(1, 1, 1), 5, 3, None),  # a tie: two more members may still vote
        (Tally(2, 0, 1), 5, 3, APPROVE),  # abstentions take part, don't count in the majority
        (Tally(0, 3, 0), 5, 3, REJECT),  # even two more votes for can't beat three against
        (Tally(1, 2, 0), 4, 3, REJECT),  # one member left: 2 for vs 2 against is no majority
        (Tally(1, 1, 0), 3, 3, None),  # the last vote decides
        (Tally(0, 0, 0), 2, 3, REJECT),  # fewer eligible members than the quorum: can't happen
        (Tally(0, 0, 3), 3, 3, REJECT),  # everybody abstained
        (Tally(1, 0, 0), 1, 1, APPROVE),
    ],
)
def test_decision(tally, eligible, minimum, expected):
    assert decide(tally, eligible, minimum) == expected


def test_a_quorum_below_one_means_one():
    assert decide(Tally(), 3, 0) is None
    assert decide(Tally(1, 0, 0), 3, 0) == APPROVE
