"""The commission's vote rule (network.voting.decide, applied vote by vote by the workflow
task network.models.CommissionVoteTask), checked against a plain reference written from the
rule.

The rule (README, "Guide de la commission", step 4, and network/voting.py):
- An application is accepted as soon as at least the minimum number of commission members
  have voted (abstentions count as taking part) and the votes for outnumber the votes
  against.
- It is rejected as soon as that can no longer happen, whatever the members who have not
  voted yet do, even if they all vote for it.
- Otherwise it stays open. (A minimum of 0 changes nothing: a majority for needs a vote.)
- Who may vote (step 3): each commission member votes once (a vote is not changed: a second
  one is ignored), never on their own application; once the application is decided, no vote
  counts any more.

The reference below decides by trying every way the members who have not voted yet may still
vote (or not vote), so it shares nothing with the code's arithmetic.

On the order of the votes: the decision on the votes counted so far depends on how many of
each there are, never on their order. Since the rule decides *as soon as* it can, the same
votes cast in another order may be decided earlier, and otherwise: see
test_the_first_decision_reached_stands.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from network.models import Application, Vote
from network.voting import APPROVE, REJECT, Tally, decide
from tests.properties import examples, rolled_back

FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
ACTION = {FOR: "vote_for", AGAINST: "vote_against", ABSTAIN: "abstain"}
RANK = {REJECT: 0, None: 1, APPROVE: 2}  # worse to better for the applicant


# -- The reference, from the rule alone ---------------------------------------------------


def accepted(votes_for, votes_against, abstentions, minimum):
    return votes_for + votes_against + abstentions >= minimum and votes_for > votes_against


def could_still_be_accepted(votes_for, votes_against, abstentions, remaining, minimum):
    """Whether some way the `remaining` members may still vote (for, against, abstain, or not
    at all) leads to an acceptance."""
    return any(
        accepted(votes_for + f, votes_against + a, abstentions + s, minimum)
        for f in range(remaining + 1)
        for a in range(remaining + 1 - f)
        for s in range(remaining + 1 - f - a)
    )


def reference(votes_for, votes_against, abstentions, remaining, minimum):
    if accepted(votes_for, votes_against, abstentions, minimum):
        return APPROVE
    if not could_still_be_accepted(votes_for, votes_against, abstentions, remaining, minimum):
        return REJECT
    return None


def count(choices):
    return choices.count(FOR), choices.count(AGAINST), choices.count(ABSTAIN)


# -- The rule as a function ---------------------------------------------------------------

@st.composite
def situations(draw):
    """Votes so far, members left, and a minimum: anywhere from 0 to 8, or close to the
    number of voters (where the minimum matters most)."""
    votes_for, votes_against, abstentions = (draw(st.integers(0, 5)) for _ in range(3))
    remaining = draw(st.integers(0, 5))
    voters = votes_for + votes_against + abstentions
    min_voters = draw(st.one_of(st.integers(0, 8), st.integers(-2, 2).map(lambda d: max(0, voters + d))))
    return votes_for, votes_against, abstentions, remaining, min_voters


@examples(40)
@given(situation=situations())
def test_the_decision_follows_the_rule(situation):
    """Accepted once the minimum has voted with more for than against; rejected once that is
    out of reach of the members left; open otherwise."""
    votes_for, votes_against, abstentions, remaining, min_voters = situation
    eligible = votes_for + votes_against + abstentions + remaining
    assert decide(Tally(votes_for, votes_against, abstentions), eligible, min_voters) == reference(
        votes_for, votes_against, abstentions, remaining, min_voters
    )


@examples(40)
@given(situation=situations())
def test_a_vote_for_never_makes_it_worse(situation):
    """Monotonicity: one more vote for (from a member who had not voted, from one more
    member, or in place of a vote against or an abstention) never turns an acceptance into an
    open or rejected application, nor an open one into a rejection."""
    votes_for, votes_against, abstentions, remaining, min_voters = situation
    eligible = votes_for + votes_against + abstentions + remaining
    before = decide(Tally(votes_for, votes_against, abstentions), eligible, min_voters)
    afters = [decide(Tally(votes_for + 1, votes_against, abstentions), eligible + 1, min_voters)]  # a member more
    if remaining:  # one of the members left
        afters.append(decide(Tally(votes_for + 1, votes_against, abstentions), eligible, min_voters))
    if votes_against:  # instead of a vote against
        afters.append(decide(Tally(votes_for + 1, votes_against - 1, abstentions), eligible, min_voters))
    if abstentions:  # instead of an abstention
        afters.append(decide(Tally(votes_for + 1, votes_against, abstentions - 1), eligible, min_voters))
    for after in afters:
        assert RANK[after] >= RANK[before]


@examples(40)
@given(situation=situations())
def test_no_acceptance_below_the_minimum_and_always_a_decision_once_all_voted(situation):
    """Fewer voters than the minimum: never accepted, and still open while the members left
    can bring the minimum with a majority for. Everyone has voted: always decided."""
    votes_for, votes_against, abstentions, remaining, min_voters = situation
    voters = votes_for + votes_against + abstentions
    eligible = voters + remaining
    decision = decide(Tally(votes_for, votes_against, abstentions), eligible, min_voters)
    if voters < min_voters:
        assert decision != APPROVE
        # Every member left votes for: the minimum is reached with a majority for.
        if voters + remaining >= min_voters and votes_for + remaining > votes_against:
            assert decision is None
    if remaining == 0:
        assert decision in (APPROVE, REJECT)


# -- The rule as the commission meets it: votes recorded on a review --------------------------


@pytest.fixture
def review(network_site, profession):
    """Send an application into review; returns (application, task_state, task)."""
    from network import review as reviews
    from network.factories import ApplicationFactory

    def start(min_voters, email=None):
        application = ApplicationFactory(**({"email": email} if email else {}))
        reviews.submit(application)
        application.refresh_from_db()
        task_state = application.current_workflow_task_state
        task = task_state.task.specific
        task.min_voters = min_voters
        task.save()
        return application, task_state, task

    return start


def commission_members(n):
    return [UserFactory(username=f"c{i}", email=f"c{i}@example.org", groups=["Commission"]) for i in range(n)]


@pytest.mark.django_db
@examples(20)
@given(
    choices=st.lists(st.sampled_from([FOR, AGAINST, ABSTAIN]), min_size=1, max_size=6),
    min_voters=st.integers(0, 6),
    seed=st.randoms(use_true_random=False),
)
def test_the_count_and_the_decision_do_not_depend_on_the_order_of_the_votes(review, choices, min_voters, seed):
    """The votes stored on a review, whatever the order they were recorded in, are counted
    as they are and decided by the rule: a vote is no heavier for coming first or last."""
    with rolled_back():
        members = commission_members(len(choices) + 1)  # one member has not voted yet
        application, task_state, task = review(min_voters)
        order = list(range(len(choices)))
        seed.shuffle(order)
        Vote.objects.bulk_create(
            [Vote(task_state=task_state, voter=members[i], choice=choices[i], comment="Motif.") for i in order]
        )
        tally = task.tally(task_state)
        assert (tally.votes_for, tally.votes_against, tally.abstentions) == count(choices)
        eligible = len(task.eligible_voters(application, task_state))
        assert eligible == len(members)
        assert decide(tally, eligible, min_voters) == reference(*count(choices), 1, min_voters)


attempt = st.tuples(st.integers(0, 4), st.sampled_from([FOR, AGAINST, ABSTAIN]))


@pytest.mark.django_db
@examples(20)
@given(
    size=st.integers(1, 5),
    min_voters=st.integers(0, 5),
    applicant_sits=st.booleans(),
    attempts=st.lists(attempt, min_size=1, max_size=8),
)
def test_the_review_follows_the_rule_vote_by_vote(review, size, min_voters, applicant_sits, attempts):
    """Vote after vote through the workflow task: each member's first vote counts, a second
    one (the same or changed) is ignored, the applicant (when on the commission) does not
    vote, no vote counts once decided; after each vote the application is accepted,
    rejected or still in review as the reference decides on the votes counted so far."""
    with rolled_back():
        members = commission_members(size)
        applicant = members[0] if applicant_sits else None
        application, task_state, task = review(min_voters, email=applicant.email if applicant else None)
        eligible = [m for m in members if m is not applicant]
        assert len(task.eligible_voters(application, task_state)) == len(eligible)

        counted = {}  # voter -> choice, the reference's ballot box
        decision = None
        for index, choice in attempts:
            voter = members[index % size]
            task.on_action(task_state, voter, ACTION[choice], comment="Au regard des critères.")
            if decision is None and voter is not applicant and voter.pk not in counted:
                counted[voter.pk] = choice
                decision = reference(*count(list(counted.values())), len(eligible) - len(counted), min_voters)

            assert dict(Vote.objects.filter(task_state=task_state).values_list("voter_id", "choice")) == counted
            application.refresh_from_db()
            assert application.status == {
                APPROVE: Application.Status.ACCEPTED, REJECT: Application.Status.REJECTED, None: Application.Status.IN_REVIEW
            }[decision]


@pytest.mark.django_db
def test_the_first_decision_reached_stands(review):
    """Five members, a minimum of three; the same five votes (two for, three against) in two
    orders. For, for, against: accepted at the third vote. Against three times: rejected at
    the third (even two more votes for would only tie)."""
    for order, outcome in (
        ([FOR, FOR, AGAINST, AGAINST, AGAINST], Application.Status.ACCEPTED),
        ([AGAINST, AGAINST, AGAINST, FOR, FOR], Application.Status.REJECTED),
    ):
        with rolled_back():
            members = commission_members(5)
            application, task_state, task = review(3)
            for member, choice in zip(members, order):
                task.on_action(task_state, member, ACTION[choice], comment="Motif.")
            application.refresh_from_db()
            assert application.status == outcome
            assert Vote.objects.filter(task_state=task_state).count() == 3
