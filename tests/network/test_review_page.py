"""The commission's page for one application (network/review_views.py): everything to read,
the per-criterion assessment, the vote as the page's main action, and a confirmation that
says what happens next. Values in French, never Python's."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.factories import UserFactory
from network.models import Application, CommissionMeeting, CriterionAssessment, Vote
from network.models.applications import CRITERIA_SHORT
from network.voting import decide, summarise_criteria, Tally
from tests.network.conftest import expired_member
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

CRITERIA = [name for name, _label in CRITERIA_SHORT]
LEVELS = ["meets", "partly", "does_not"]


def review_url(application):
    return reverse("wagtailsnippets_network_application:inspect", args=[application.pk])


def vote_data(action, comment="", levels=None, notes=None):
    data = {"action": action, "comment": comment}
    for criterion, level in (levels or {}).items():
        data[f"{criterion}_level"] = level
    for criterion, note in (notes or {}).items():
        data[f"{criterion}_comment"] = note
    return data


@pytest.fixture
def post_vote(client, django_capture_on_commit_callbacks):
    def post(user, application, data, follow=True):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(review_url(application), data, follow=follow)
        application.refresh_from_db()
        return response

    return post


def all_levels(level="meets"):
    return {criterion: level for criterion in CRITERIA}


def test_the_dashboard_links_each_applicant_to_the_review_page(client, sent_application, commission):
    client.force_login(commission[0])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{review_url(sent_application)}"' in html


def test_the_listing_links_to_the_review_page(client, sent_application, commission):
    client.force_login(commission[0])
    html = client.get(reverse("wagtailsnippets_network_application:list") + "?status=in_review").content.decode()
    assert f'href="{review_url(sent_application)}"' in html


def test_the_review_page_shows_everything_in_french(client, sent_application, commission):
    CommissionMeeting.objects.create(date="2026-12-07").agenda.add(sent_application)
    client.force_login(commission[0])
    response = client.get(review_url(sent_application))
    assert response.status_code == 200
    html = response.content.decode()
    app = sent_application
    for text in (app.full_name, app.registration_number, app.structure, app.commune, app.email, app.phone,
                 "Visites à domicile", "Oui", "7 décembre 2026", "version 1",
                 "Je fais vivre la bienveillance", "analyse de pratique", "psychologue", "co-animer",
                 "Historique", " sur 3 nécessaires"):
        assert text.replace("'", "&#x27;") in html, text
    for python in (">True<", ">False<", ">None<", "+00:00"):
        assert python not in html
    # The vote buttons are there, once each.
    for action in ("vote_for", "vote_against", "abstain", "request_changes"):
        assert html.count(f'name="action" value="{action}"') == 1


def test_a_vote_with_its_assessment_is_recorded_and_confirmed(sent_application, commission, post_vote):
    response = post_vote(commission[0], sent_application, vote_data(
        "vote_for", "Belle candidature.", all_levels("meets") | {"criterion_involvement": "partly"},
        {"criterion_involvement": "Peu de disponibilités annoncées."}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Votre vote « pour » est enregistré. 1 vote sur 3 nécessaires" in html
    assert "Votre vote :" in html
    vote = Vote.objects.get()
    assert vote.choice == "for" and vote.comment == "Belle candidature."
    assessments = {a.criterion: (a.level, a.comment) for a in vote.assessments.all()}
    assert assessments == {
        "criterion_charter": ("meets", ""), "criterion_practice": ("meets", ""), "criterion_limits": ("meets", ""),
        "criterion_involvement": ("partly", "Peu de disponibilités annoncées."),
    }
    # The summary the next member reads.
    assert "y répond : 0 · en partie : 1 · n'y répond pas : 0" in html
    assert "Peu de disponibilités annoncées." in html
    # Once voted, no vote buttons.
    assert 'name="action"' not in html


def test_the_second_vote_says_two_of_three(sent_application, commission, post_vote):
    post_vote(commission[0], sent_application, vote_data("vote_for", "", all_levels()))
    html = post_vote(commission[1], sent_application, vote_data("abstain")).content.decode()
    assert "Votre vote « abstention » est enregistré. 2 votes sur 3 nécessaires" in html


def test_the_deciding_vote_says_the_application_is_accepted(sent_application, commission, post_vote):
    for member in commission[:2]:
        post_vote(member, sent_application, vote_data("vote_for", "", all_levels()))
    mail.outbox.clear()
    html = post_vote(commission[2], sent_application, vote_data("vote_for", "", all_levels())).content.decode()
    assert sent_application.status == Application.Status.ACCEPTED
    assert "La candidature est acceptée" in html
    assert [message.to for message in mail.outbox] == [[sent_application.email]]


def test_votes_against_reject_and_say_so(sent_application, commission, post_vote):
    post_vote(commission[0], sent_application, vote_data("vote_against", "Critère 2 absent.", all_levels("does_not")))
    html = post_vote(commission[1], sent_application,
                     vote_data("vote_against", "Pas d'analyse de pratique.", all_levels("partly"))).content.decode()
    assert sent_application.status == Application.Status.REJECTED
    assert "La candidature est refusée" in html
    assert "Critère 2 absent." in sent_application.decision_reason


def test_a_request_for_changes_is_sent_and_confirmed(sent_application, commission, post_vote):
    mail.outbox.clear()
    html = post_vote(commission[0], sent_application, vote_data("request_changes", "Précisez le critère 4.")).content.decode()
    assert sent_application.status == Application.Status.CHANGES_REQUESTED
    assert "Votre demande de modifications est envoyée" in html
    assert "Précisez le critère 4." in mail.outbox[0].body


@pytest.mark.parametrize("action", ["vote_for", "vote_against"])
def test_a_vote_for_or_against_needs_every_criterion_assessed_and_keeps_what_was_typed(
        sent_application, commission, post_vote, action):
    levels = {"criterion_charter": "meets", "criterion_limits": "partly"}
    response = post_vote(commission[0], sent_application,
                         vote_data(action, "Mon avis détaillé.", levels, {"criterion_practice": "Ma note."}))
    assert response.status_code == 200
    html = response.content.decode()
    assert not Vote.objects.exists()
    assert "Votre vote n&#x27;est pas enregistré" in html
    assert html.count("Indiquez si la candidature répond à ce critère.") == 2
    assert "Mon avis détaillé." in html and "Ma note." in html
    assert re.search(r'value="meets" id="id_criterion_charter_level_0" checked', html)
    assert re.search(r'value="partly" id="id_criterion_limits_level_1" checked', html)


@pytest.mark.parametrize("action", ["vote_against", "request_changes"])
def test_a_vote_against_or_a_request_for_changes_needs_a_reason(sent_application, commission, post_vote, action):
    html = post_vote(commission[0], sent_application, vote_data(action, "  ", all_levels("does_not"))).content.decode()
    assert not Vote.objects.exists()
    assert sent_application.status == Application.Status.IN_REVIEW
    assert "Indiquez le motif" in html


def test_garbage_actions_record_nothing(sent_application, commission, post_vote):
    for action in ("", "approve", "vote_for'--", "x" * 500):
        response = post_vote(commission[0], sent_application, vote_data(action, "", all_levels()))
        assert response.status_code == 200
        assert "Choisissez votre vote avec l&#x27;un des boutons." in response.content.decode()
    assert not Vote.objects.exists()


def test_one_vote_per_member_on_the_page(sent_application, commission, post_vote):
    post_vote(commission[0], sent_application, vote_data("vote_for", "", all_levels()))
    html = post_vote(commission[0], sent_application, vote_data("vote_against", "Non.", all_levels())).content.decode()
    assert "Vous ne pouvez plus voter sur cette candidature." in html
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]


def test_after_voting_the_next_application_is_offered(sent_application, commission, post_vote):
    from network import review
    from network.factories import ApplicationFactory

    other = ApplicationFactory(first_name="Suivante", last_name="Candidate")
    review.submit(other)
    html = post_vote(commission[0], sent_application, vote_data("abstain")).content.decode()
    assert "Candidature suivante à examiner : Suivante Candidate" in html
    assert review_url(other) in html


def test_only_the_commission_reads_the_page_and_never_its_own_application(client, sent_application, commission):
    """A canary: the applicant's answers never reach anyone else."""
    canary = "CANARY-critere-7f3a"
    Application.objects.filter(pk=sent_application.pk).update(criterion_limits=canary)
    url = review_url(sent_application)
    assert canary not in client.get(url).content.decode()  # anonymous: to the log-in page
    others = [
        UserFactory(username="editor", groups=["Editors"]),
        UserFactory(username="treasurer", groups=["Treasurer"]),
        UserFactory(username="member", groups=["Members"]),
        expired_member(),
        UserFactory(username="coordinator", groups=["Coordinators"]),
        UserFactory(username="applicant", email=sent_application.email, groups=["Commission"]),
    ]
    for user in others:
        client.force_login(user)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403, 404), user.username
            assert canary not in response.content.decode()
    assert not Vote.objects.exists()
    client.force_login(commission[0])
    assert canary in client.get(url).content.decode()


# --- properties ---------------------------------------------------------------------------

assessment = st.tuples(st.sampled_from(CRITERIA + ["criterion_unknown"]), st.sampled_from(LEVELS + ["maybe"]),
                       st.text(max_size=8))


@examples(200)
@given(st.lists(assessment, max_size=30))
def test_property_the_summary_counts_each_assessment_once(assessments):
    summary = summarise_criteria(CRITERIA, assessments)
    assert [item.criterion for item in summary] == CRITERIA
    for item in summary:
        # Reference: count by reading the list again, one criterion and level at a time.
        for level in LEVELS:
            expected = len([1 for c, lv, _ in assessments if c == item.criterion and lv == level])
            assert getattr(item, level) == expected
        assert item.assessed == len([1 for c, lv, _ in assessments if c == item.criterion and lv in LEVELS])
        assert list(item.comments) == [
            note.strip() for c, lv, note in assessments if c == item.criterion and lv in LEVELS and note.strip()]


@examples(25)
@given(ballots=st.lists(
    st.tuples(st.sampled_from(["vote_for", "vote_against", "abstain"]), st.sampled_from(LEVELS)),
    min_size=1, max_size=3))
def test_property_assessments_never_change_the_decision(client, sent_application, commission,
                                                        django_capture_on_commit_callbacks, ballots):
    """The decision follows the overall votes only: whatever the members thought of each
    criterion, the status is what network.voting.decide says of the votes."""
    with rolled_back():
        for member, (action, level) in zip(commission, ballots):
            sent_application.refresh_from_db()
            if sent_application.status != Application.Status.IN_REVIEW:
                break
            client.force_login(member)
            with django_capture_on_commit_callbacks(execute=True):
                client.post(review_url(sent_application), vote_data(action, "Motif.", all_levels(level)))
        sent_application.refresh_from_db()
        choices = list(Vote.objects.values_list("choice", flat=True))
        tally = Tally(choices.count("for"), choices.count("against"), choices.count("abstain"))
        expected = {"approve": Application.Status.ACCEPTED, "reject": Application.Status.REJECTED,
                    None: Application.Status.IN_REVIEW}[decide(tally, len(commission), 3)]
        assert sent_application.status == expected
        assert CriterionAssessment.objects.count() == 4 * len(choices)


def test_a_vote_after_the_decision_is_not_confirmed(sent_application, commission, post_vote, monkeypatch):
    """The review ended between the page's display and the vote: no false confirmation."""
    from network.models import CommissionVoteTask

    monkeypatch.setattr(CommissionVoteTask, "on_action", lambda *args, **kwargs: None)
    html = post_vote(commission[0], sent_application, vote_data("vote_for", "", all_levels())).content.decode()
    assert "la candidature a été décidée entre-temps" in html
    assert "est enregistré" not in html


def test_a_too_long_criterion_comment_is_shown_with_its_error(sent_application, commission, post_vote):
    html = post_vote(commission[0], sent_application, vote_data(
        "vote_for", "", all_levels(), {"criterion_charter": "x" * 2001})).content.decode()
    assert not Vote.objects.exists()
    assert "2000 caractères" in html or "2000 characters" in html
