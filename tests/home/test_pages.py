"""Page types: where they may be created, that they render, that an editor can create them."""

import pytest
from wagtail.coreutils import get_dummy_request
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.factories import UserFactory
from contact.models import ContactPage
from home.factories import StandardPageFactory, site_with_home
from home.models import HomePage, StandardPage
from network.factories import CharterPageFactory
from network.models import CharterPage, DirectoryIndexPage, JoinPage, HelpFinderPage, PartnerDirectoryPage
from resources.models import EventCalendarPage, VignetteLibraryPage, WorkshopResourceIndexPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {
            StandardPage, CharterPage, DirectoryIndexPage, JoinPage, HelpFinderPage, PartnerDirectoryPage,
            VignetteLibraryPage, EventCalendarPage, WorkshopResourceIndexPage, ContactPage,
        })

    def test_standard_page_parents_and_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {
            StandardPage, CharterPage, DirectoryIndexPage, JoinPage, HelpFinderPage, PartnerDirectoryPage,
            VignetteLibraryPage, WorkshopResourceIndexPage,
        })

    def test_charter_page_is_a_leaf(self):
        self.assertAllowedParentPageTypes(CharterPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(CharterPage, set())


class PageRenderTests(WagtailPageTestCase):
    def setUp(self):
        # Trap: WagtailPageTestCase builds one dummy request per class and Wagtail caches
        # the site root paths on it; our site root changes per test, so take a fresh one.
        self.dummy_request = get_dummy_request()
        self.home = site_with_home()
        self.page = StandardPageFactory(parent=self.home, title="Les actions collectives")
        self.charter = CharterPageFactory(parent=self.page)

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_standard_page_renders_its_blocks(self):
        self.assertPageIsRenderable(self.page)
        response = self.client.get(self.page.url)
        self.assertContains(response, "<h1>Les actions collectives</h1>", html=True)
        self.assertContains(response, "Replacer le parent au centre de sa parentalité.")

    def test_charter_page_renders_values_and_postures(self):
        response = self.client.get(self.charter.url)
        self.assertContains(response, "<dt>Écoute</dt>", html=True)
        self.assertContains(response, "<dt>Empathie</dt>", html=True)
        self.assertContains(response, "Version 1")

    def test_home_page_cannot_be_added_twice_under_root(self):
        root = Page.get_first_root_node()
        self.assertFalse(HomePage.can_create_at(root))

    def test_charter_only_once_per_parent(self):
        self.assertFalse(CharterPage.can_create_at(self.page))


class EditorCreatesPagesTests(WagtailPageTestCase):
    def setUp(self):
        self.home = site_with_home()
        self.editor = UserFactory(username="editrice", groups=["Editors"])
        self.client.force_login(self.editor)

    def test_editor_can_create_standard_page_with_blocks(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Nos partenaires",
                    "slug": "nos-partenaires",
                    "intro": "Les structures avec lesquelles nous travaillons.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Udaf 31", "level": "h2"}),
                            ("paragraph", rich_text("<p>Un partenaire important.</p>")),
                            ("quote", {"text": "Rompre l'isolement.", "attribution": "Une mère"}),
                            (
                                "faq",
                                {
                                    "title": "Questions",
                                    "items": streamfield(
                                        [("item", {"question": "Où ?", "answer": rich_text("<p>À Toulouse.</p>")})]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )

    def test_editor_can_create_charter_page(self):
        page = StandardPageFactory(parent=self.home)
        self.assertCanCreate(
            page,
            CharterPage,
            nested_form_data(
                {
                    "title": "Charte",
                    "slug": "charte",
                    "intro": "",
                    "version": "2024",
                    "version_date": "2024-01-01",
                    "values": streamfield([("entry", {"name": "Écoute", "definition": "Prêter attention."})]),
                    "postures": streamfield([("entry", {"name": "Empathie", "definition": "Accueillir."})]),
                    "commitment": "Je m'engage.",
                }
            ),
        )

    def test_call_to_action_needs_exactly_one_target(self):
        from home.blocks import CallToActionBlock
        from wagtail.blocks.struct_block import StructBlockValidationError

        block = CallToActionBlock()
        value = block.to_python({"title": "Venir", "text": "", "page": None, "url": "", "button_label": "Go"})
        with pytest.raises(StructBlockValidationError):
            block.clean(value)

    def test_image_block_requires_alt_text(self):
        from home.blocks import ImageBlock

        assert ImageBlock().child_blocks["alt_text"].required


def test_social_links_show_their_names():
    from home.blocks import SocialLinkBlock
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = SocialLinkBlock()
    value = block.to_python({"network": "linkedin", "url": "https://example.org/p", "label": ""})
    assert value.display_label() == "LinkedIn"
    other = block.to_python({"network": "other", "url": "https://example.org/p", "label": ""})
    with pytest.raises(StructBlockValidationError):
        block.clean(other)
