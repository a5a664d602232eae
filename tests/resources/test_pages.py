"""The library's page types: where they go, who creates them, the demo content."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from resources.models import VignetteLibraryPage, VignettePage


class TestPageTypes(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(VignetteLibraryPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(VignetteLibraryPage, {VignettePage})
        self.assertAllowedParentPageTypes(VignettePage, {VignetteLibraryPage})
        self.assertAllowedSubpageTypes(VignettePage, set())
        self.assertFalse(VignetteLibraryPage.can_create_at(Page.get_first_root_node()))


def test_only_one_library(library):
    assert not VignetteLibraryPage.can_create_at(library.get_parent())


def test_the_content_build_makes_the_library_once_restricted_with_its_workflow(library, network_site):
    from wagtail.models import PageViewRestriction

    from resources.content import build_library
    from resources.library import review_workflow

    assert build_library(network_site["network"], log=lambda *a: None).pk == library.pk
    restriction = PageViewRestriction.objects.get(page=library)
    assert set(restriction.groups.values_list("name", flat=True)) == {"Members", "Editors", "Commission"}
    assert library.get_workflow() == review_workflow()
    assert VignetteLibraryPage.objects.count() == 1


def test_an_editor_creates_a_vignette_in_the_admin_and_submits_it(client, editor, library,
                                                                   django_capture_on_commit_callbacks):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["resources", "vignettepage", library.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data({
        "title": "Une nuit aux urgences",
        "slug": "une-nuit-aux-urgences",
        "period": "early_years",
        "scenario": streamfield([("paragraph", "Les parents de B., 8 mois, arrivent la nuit.")]),
        "questions": streamfield([("question", "Qu'auriez-vous proposé ?")]),
        "attachments": streamfield([]),
        "comments": inline_formset([]),
        "action-submit": "Submit",
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    page = VignettePage.objects.get(title="Une nuit aux urgences")
    assert page.slug.startswith("vignette-")  # never from the title
    assert page.current_workflow_state.workflow.name == "Relecture d'anonymisation"
    # An editor who wrote it may not approve it; another editor does.
    assert page.current_workflow_task.specific.get_actions(page, editor) == []


def test_the_member_data_export_has_their_views_and_proposals(client, reader, vignette):
    from network.member_space import member_data
    from resources.factories import ContributionFactory

    ContributionFactory(vignette=vignette, author=reader, text="Mon regard exporté.")
    vignette.authors.add(reader)
    vignette.save()  # a ParentalManyToManyField is written when the page is saved
    data = member_data(reader)
    assert data["vignette_contributions"][0]["text"] == "Mon regard exporté."
    assert data["vignettes_proposed"][0]["title"] == "Vignette CANARYTITRE"


def test_the_member_space_links_to_the_library_for_current_members_only(client, reader, lapsed, library):
    client.force_login(reader)
    assert library.url in client.get("/reseau/mon-espace/").content.decode()
    client.force_login(lapsed)
    assert library.url not in client.get("/reseau/mon-espace/").content.decode()


@pytest.mark.django_db
def test_demo_library(settings, network_site, django_capture_on_commit_callbacks):
    from network.demo import create_demo_members
    from resources.demo import create_demo_library
    from resources.factories import library_site
    from resources.models import Contribution, Event

    library_site(network_site["home"], network_site["network"])
    with django_capture_on_commit_callbacks(execute=True):
        create_demo_members("demo-password")
        assert create_demo_library() == 2
        assert create_demo_library() == 0  # idempotent
    assert VignettePage.objects.live().count() == 2
    assert Event.objects.count() == 2
    assert Contribution.objects.count() == 2
    proposal = VignettePage.objects.get(live=False)
    assert proposal.current_workflow_state.status == "in_progress"
    assert set(proposal.findings.values_list("category", flat=True)) == {"first_name", "date"}


def test_the_demo_content_needs_no_test_dependency():
    """`make run` installs requirements.txt only: the demo content must not import factory_boy
    or Faker (which are test dependencies)."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['factory'] = None; sys.modules['faker'] = None; "
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'; django.setup(); "
        "import resources.demo, network.demo, accounts.management.commands.create_demo_accounts"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
