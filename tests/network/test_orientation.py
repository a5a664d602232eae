"""The guided entry for parents and the partner structures directory."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data
from wagtail.coreutils import get_dummy_request

from accounts.factories import UserFactory
from home.factories import site_with_home
from network.models import HelpFinderPage, PartnerDirectoryPage, PartnerStructure, Profession, Theme


@pytest.fixture
def help_page(network_site):
    page = HelpFinderPage(title="Je cherche de l'aide pour…", slug="trouver-de-l-aide", intro="Choisissez.")
    network_site["home"].add_child(instance=page)
    return page


def test_guided_entry_lists_needs_then_professions_and_links_to_the_filtered_directory(client, help_page, network_site):
    from network.factories import MemberProfilePageFactory

    html = client.get(help_page.url).content.decode()
    assert "Allaitement" in html and "Deuil périnatal" in html
    ibclc = Profession.objects.get(name="Consultant·e en lactation IBCLC")
    midwife = Profession.objects.get(name="Sage-femme")
    directory = network_site["directory"]
    MemberProfilePageFactory(parent=directory, title="Nadia Benali", slug="nadia", profession=ibclc, themes=["allaitement"])
    MemberProfilePageFactory(parent=directory, title="Inès Roy", slug="ines", profession=ibclc, themes=["allaitement"])
    MemberProfilePageFactory(parent=directory, title="Léa Martin", slug="lea", profession=midwife, themes=["sommeil"])
    response = client.get(help_page.url, {"besoin": "allaitement"})
    html = response.content.decode()
    assert f'{directory.url}?besoin=allaitement&amp;profession={ibclc.pk}' in html
    assert "(2 professionnel·le·s)" in html
    assert "Voir les 2 professionnel·le·s du réseau pour ce besoin" in html
    # A profession of the mapping with nobody for this need says so and links to no list
    # of its own: the need alone is the nearest useful list.
    assert f"profession={midwife.pk}" not in html
    assert "Pas encore de membre du réseau pour ce besoin parmi" in html
    assert 'name="besoin" value="allaitement"' in html  # the postcode form keeps the need


def test_the_mapping_is_editable(client, help_page):
    theme = Theme.objects.get(slug="allaitement")
    theme.professions.set([Profession.objects.get(name="Doula")])
    html = client.get(help_page.url, {"besoin": "allaitement"}).content.decode()
    assert "Doula" in html and "Consultant·e en lactation IBCLC" not in html


def test_unknown_need_shows_the_list(client, help_page):
    response = client.get(help_page.url, {"besoin": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


@pytest.fixture
def partners_page(network_site):
    page = PartnerDirectoryPage(title="Structures partenaires", slug="structures")
    network_site["home"].add_child(instance=page)
    for name, kind, postcode, commune in [
        ("PMI Purpan", "pmi", "31300", "Toulouse"),
        ("LAEP Les Petits Pas", "laep", "31300", "Toulouse"),
        ("Centre social d'Albi", "centre_social", "81000", "Albi"),
    ]:
        PartnerStructure.objects.create(name=name, kind=kind, postcode=postcode, commune=commune)
    return page


def test_structures_by_type_commune_and_distance(client, partners_page):
    def names(params):
        return [s.name for s in client.get(partners_page.url, params).context["structures"]["page"].object_list]

    assert len(names({})) == 3
    assert names({"type": "pmi"}) == ["PMI Purpan"]
    assert names({"commune": "Albi"}) == ["Centre social d'Albi"]
    assert sorted(names({"cp": "31300", "rayon": "10"})) == ["LAEP Les Petits Pas", "PMI Purpan"]
    kinds = {o.value: o.count for o in client.get(partners_page.url, {"commune": "Toulouse"}).context["structures"]["kinds"]}
    assert kinds["pmi"] == 1 and kinds["centre_social"] == 0
    response = client.get(partners_page.url, {"cp": "00000", "type": "nope", "page": "9999"})
    assert response.status_code == 200 and "Code postal inconnu" in response.content.decode()


def test_a_structure_needs_a_known_postcode(db):
    from django.core.exceptions import ValidationError

    structure = PartnerStructure(name="X", kind="pmi", postcode="99999", commune="Nulle part")
    with pytest.raises(ValidationError):
        structure.full_clean()


def test_editors_manage_structures_themes_and_languages(client, db):
    client.force_login(UserFactory(username="ed", groups=["Editors"]))
    for model in ("partnerstructure", "theme", "language"):
        assert client.get(f"/admin/snippets/network/{model}/").status_code == 200
        assert client.get(f"/admin/snippets/network/{model}/add/").status_code == 200
    response = client.post(
        "/admin/snippets/network/partnerstructure/add/",
        {"name": "RPE de Blagnac", "kind": "rpe", "postcode": "31700", "commune": "Blagnac", "description": "",
         "description_en": "", "address": "", "phone": "", "website": ""},
    )
    assert response.status_code == 302
    assert PartnerStructure.objects.get(name="RPE de Blagnac").latitude is not None


@pytest.mark.parametrize("group", ["Members", "Commission", "Treasurer"])
def test_others_cannot_manage_them(client, db, group):
    client.force_login(UserFactory(username="someone", groups=[group]))
    assert client.get("/admin/snippets/network/partnerstructure/add/").status_code in (302, 403)


class OrientationPageTests(WagtailPageTestCase):
    def setUp(self):
        self.dummy_request = get_dummy_request()
        self.home = site_with_home()

    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(HelpFinderPage, {type(self.home), *self._standard()})
        self.assertAllowedSubpageTypes(HelpFinderPage, set())
        self.assertAllowedSubpageTypes(PartnerDirectoryPage, set())

    def _standard(self):
        from home.models import StandardPage

        return {StandardPage}

    def test_editor_can_create_them(self):
        self.client.force_login(UserFactory(username="ed", groups=["Editors"]))
        self.assertCanCreate(self.home, HelpFinderPage, nested_form_data({"title": "Aide", "slug": "aide", "intro": ""}))
        self.assertCanCreate(
            self.home, PartnerDirectoryPage, nested_form_data({"title": "Structures", "slug": "structures", "intro": ""})
        )
