import pytest

from accounts.factories import UserFactory
from home.factories import StandardPageFactory
from network.factories import ApplicationFactory, CharterPageFactory, ProfessionFactory
from network.models import DirectoryIndexPage, JoinPage


@pytest.fixture
def network_site(home_page):
    """Home, the network page with its charter and join page, the directory."""
    network = StandardPageFactory(parent=home_page, title="Le réseau professionnel", slug="reseau")
    charter = CharterPageFactory(parent=network)
    join = JoinPage(
        title="Rejoindre le réseau",
        slug="rejoindre",
        introduction="<p>La commission examine chaque candidature.</p>",
        consent_text="<p>Nous conservons ces informations douze mois.</p>",
        thank_you="<p>Merci, votre candidature est envoyée.</p>",
    )
    network.add_child(instance=join)
    directory = DirectoryIndexPage(title="Trouver un·e professionnel·le", slug="annuaire", intro="Le réseau.")
    home_page.add_child(instance=directory)
    return {"home": home_page, "network": network, "charter": charter, "join": join, "directory": directory}


@pytest.fixture
def commission(db):
    return [
        UserFactory(username=f"commission{n}", email=f"commission{n}@example.org", groups=["Commission"])
        for n in (1, 2, 3)
    ]


@pytest.fixture
def sent_application(network_site, django_capture_on_commit_callbacks):
    """An application sent into the commission's review."""
    from network import review

    ProfessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory()
        review.submit(application)
    application.refresh_from_db()
    return application


@pytest.fixture
def vote(client, django_capture_on_commit_callbacks):
    """Vote through the Wagtail admin as `user`, as the vote dialog does."""
    from django.urls import reverse

    def cast(user, application, action, comment="", task_state=None):
        application.refresh_from_db()
        task_state = task_state or application.current_workflow_task_state
        client.force_login(user)
        url = reverse(
            "wagtailsnippets_network_application:workflow_action", args=[application.pk, action, task_state.pk]
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"comment": comment}, headers={"x-requested-with": "XMLHttpRequest"})
        application.refresh_from_db()
        return response

    return cast


@pytest.fixture
def profession(db):
    return ProfessionFactory()




def expired_member(username="expired"):
    """A member whose membership ended more than a year ago."""
    import datetime

    from django.utils import timezone

    from network.models import Membership

    user = UserFactory(username=username, groups=["Members"])
    today = timezone.localdate()
    Membership.objects.create(
        user=user, start_date=today - datetime.timedelta(days=800), end_date=today - datetime.timedelta(days=435)
    )
    return user
