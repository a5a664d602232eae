"""The partner structures directory (network.directory.search_structures and its page),
checked against a plain reference written from its rule.

The rule:
- `type` (repeatable): the values of this filter combine with OR (a structure of any chosen
  type); unknown values are ignored.
- `commune` (one value, the last one given): the structure's commune, compared without regard
  to case; an empty value means every commune.
- `cp` and `rayon`: with a known postcode, only structures within `rayon` km (5, 10, 20 or 50;
  anything else means 10) of the postcode's point, by the equirectangular distance the code
  documents (one degree of latitude is 111.2 km, a degree of longitude that times the cosine of
  the postcode's latitude); structures without coordinates are then left out. An unknown
  postcode filters nothing and says so.
- Different filters combine with AND.
- The count beside a type is the number of structures of that type with the other filters
  kept (commune, distance): what the visitor gets with that type as the only type chosen. The
  same for each commune (type and distance kept). A chosen commune always shows among the
  options, selected, even with no structure left (so it can be seen and removed).
- Order: nearest first with a known postcode (then by name), else by commune then name; ties
  by creation order, so that pages never repeat or skip a structure. Twenty per page; any page
  number gives a page (the first for nonsense, the last for a number beyond either end).
- Structures are public information about institutions: no privacy rule applies here.

Names are compared in code point order, as SQLite and a PostgreSQL database in the C
collation (CI's) sort them.
"""

import html
import math
import re
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from network import postcodes
from network.directory import search_structures
from network.models import PartnerDirectoryPage, PartnerStructure
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

KINDS = [value for value, _label in PartnerStructure.Kind.choices]
COMMUNES = ["Toulouse", "Saint-Orens-de-Gameville", "Évry-Courcouronnes", "L'Union", "Blagnac", "Castelnau-d'Estrétefonds"]
NAMES = ["PMI Rangueil", "Maison de quartier des Arènes romaines", "LAEP « L'Île aux câlins »", "RPE Saint-Cyprien",
         "Écoute parents", "centre social", "PMI Rangueil"]  # repeated on purpose: ties
CENTRE = "31300"
# Distances from the centre's point, in km: each radius with a structure just inside and
# just outside it.
DISTANCES = [0.0, 1.0, 4.99, 5.01, 9.99, 10.01, 19.99, 20.01, 49.99, 50.01, 120.0]
BEARINGS = [0, 30, 90, 135, 180, 225, 270, 315]
PER_PAGE = 20

structure = st.fixed_dictionaries({
    "name": st.sampled_from(NAMES),
    "kind": st.sampled_from(KINDS),
    "commune": st.sampled_from(COMMUNES),
    "distance": st.one_of(st.none(), st.sampled_from(DISTANCES)),  # None: no coordinates
    "bearing": st.sampled_from(BEARINGS),
})

param = st.one_of(
    st.tuples(st.just("type"), st.one_of(st.sampled_from(KINDS), st.sampled_from(["", "PMI", "inconnu", "pmi\x00"]))),
    st.tuples(st.just("commune"), st.one_of(
        # As the select sends it, or typed in another case (É and é included).
        st.sampled_from(COMMUNES).flatmap(lambda name: st.sampled_from([name, name.lower(), name.upper()])),
        st.sampled_from(["", "  Toulouse ", "Paris", "Tou\x00louse"]),
    )),
    st.tuples(st.just("cp"), st.sampled_from([CENTRE, "31000", "31130", "75001", "99999", "3130", "", "31 300", "abcde"])),
    st.tuples(st.just("rayon"), st.sampled_from(["5", "10", "20", "50", "05", "7", "-1", "", "1e2", "99999999999999999999"])),
    st.tuples(st.just("page"), st.sampled_from(["1", "2", "3", "0", "-1", "", "x", "9" * 30])),
    st.tuples(st.sampled_from(["inconnu", "TYPE", "q"]), st.text(max_size=5)),
)
query = st.lists(param, max_size=8)


def place(distance, bearing):
    """Coordinates `distance` km from the centre's point along `bearing`, by the rule's own
    distance (so a structure 9.99 km away is 9.99 km away)."""
    lat0, lon0 = postcodes.locate(CENTRE)
    radians = math.radians(bearing)
    lat = lat0 + distance * math.cos(radians) / 111.2
    lon = lon0 + distance * math.sin(radians) / (111.2 * math.cos(math.radians(lat0)))
    return lat, lon


def make(structures):
    rows = []
    for data in structures:
        lat, lon = place(data["distance"], data["bearing"]) if data["distance"] is not None else (None, None)
        # bulk_create does not call save(), which would locate the structure from its postcode.
        rows.append(PartnerStructure(name=data["name"], kind=data["kind"], commune=data["commune"],
                                     postcode=CENTRE, latitude=lat, longitude=lon))
    return PartnerStructure.objects.bulk_create(rows)


def last(pairs, key):
    values = [value for name, value in pairs if name == key]
    return values[-1] if values else ""


def reference(created, pairs):
    """The rule, plainly."""
    chosen = {value for name, value in pairs if name == "type" and value in KINDS}
    commune = last(pairs, "commune").replace("\x00", "").strip()[:100]
    postcode = last(pairs, "cp").replace("\x00", "").strip()[:5]
    rayon = last(pairs, "rayon")
    radius = int(rayon) if rayon.isascii() and rayon.isdigit() and len(rayon) < 10 and int(rayon) in (5, 10, 20, 50) else 10
    point = postcodes.locate(postcode) if postcode else None

    def squared(s):
        lat0, lon0 = point
        dy = (s.latitude - lat0) * 111.2
        dx = (s.longitude - lon0) * 111.2 * math.cos(math.radians(lat0))
        return dy * dy + dx * dx

    def near(s):
        return point is None or (s.latitude is not None and squared(s) <= radius * radius)

    def of_kind(s):
        return not chosen or s.kind in chosen

    def in_commune(s):
        return not commune or s.commune.lower() == commune.lower()

    results = [s for s in created if of_kind(s) and in_commune(s) and near(s)]
    if point is not None:
        results.sort(key=lambda s: (squared(s), s.name, s.pk))
    else:
        results.sort(key=lambda s: (s.commune, s.name, s.pk))
    kinds = {k: sum(1 for s in created if s.kind == k and in_commune(s) and near(s)) for k in KINDS}
    communes = {}
    for s in created:
        if of_kind(s) and near(s):
            communes[s.commune] = communes.get(s.commune, 0) + 1
    options = [(name, n, name.lower() == commune.lower()) for name, n in sorted(communes.items())]
    if commune and not any(selected for _name, _n, selected in options):
        options.insert(0, (commune, 0, True))

    pages = max(1, math.ceil(len(results) / PER_PAGE))
    raw = last(pairs, "page")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    number = pages if number > pages or (raw.isascii() and raw.lstrip("-").isdigit() and int(raw) < 1) else number
    number = max(number, 1)
    shown = results[(number - 1) * PER_PAGE:number * PER_PAGE]
    distances = [round(math.sqrt(squared(s)), 1) if point is not None else None for s in shown]
    return {
        "total": len(results), "number": number, "shown": [s.pk for s in shown], "distances": distances,
        "kinds": [(k, kinds[k], k in chosen) for k in KINDS], "communes": options,
        "unknown_postcode": bool(postcode) and point is None, "radius": radius,
    }


@examples(60)
@given(structures=st.lists(structure, max_size=30), pairs=query)
def test_search_structures_follows_the_rule(db, structures, pairs):
    with rolled_back():
        created = make(structures)
        expected = reference(created, pairs)
        got = search_structures(QueryDict(urlencode(pairs)))
        page = got["page"]
        assert page.paginator.count == expected["total"]
        assert page.number == expected["number"]
        assert [s.pk for s in page.object_list] == expected["shown"]
        assert [s.distance_km for s in page.object_list] == expected["distances"]
        assert [(o.value, o.count, o.selected) for o in got["kinds"]] == expected["kinds"]
        assert [(o.value, o.count, o.selected) for o in got["communes"]] == expected["communes"]
        assert got["unknown_postcode"] == expected["unknown_postcode"]
        assert got["radius"] == expected["radius"]


@pytest.fixture
def partners_page(home_page):
    page = PartnerDirectoryPage(title="Structures partenaires", slug="structures")
    home_page.add_child(instance=page)
    return page


def rendered(text):
    """What the page shows: the structures' names and distances, the total, the counts."""
    main = text.split('<section class="directory-results"')[1]
    results, form = main.split('<form method="get" class="directory-filters"')
    names = [html.unescape(name) for name in re.findall(r"<h3>(.*?)</h3>", results)]
    # A distance under 1 km reads "à moins de 1 km" (never "à 0,0 km"): shown here as "<1".
    distances = [
        "<1" if under else float(km.replace(",", ".")) if km else None
        for under, km in re.findall(
            r'<p class="directory__meta">[^<]*?(?:(à moins de 1 km)|à ([0-9]+,[0-9]) km)?\s*</p>', results)
    ]
    total = int(re.search(r'<h2 id="structures-heading">([0-9]+) structure', results).group(1))
    kinds = [(value, int(n), bool(checked)) for value, checked, n in re.findall(
        r'name="type" value="([^"]+)"( checked)?>\s*<label[^>]*>.*?<span class="count">\(([0-9]+)\)</span>', form, re.S)]
    communes = [(html.unescape(value), int(n), bool(selected)) for value, selected, n in re.findall(
        r'<option value="([^"]+)"( selected)?>[^<]*\(([0-9]+)\)</option>', form.split('name="commune"')[1].split("</select>")[0]
    )] if 'name="commune"' in form else []
    return names, distances, total, kinds, communes


@examples(15)
@given(structures=st.lists(structure, max_size=25), pairs=query)
def test_the_page_shows_what_the_rule_says(client, partners_page, structures, pairs):
    """Through the real view and template: names in order, distances, the total, every count."""
    with rolled_back():
        created = make(structures)
        expected = reference(created, pairs)
        response = client.get(partners_page.url + "?" + urlencode(pairs))
        assert response.status_code == 200
        names, distances, total, kinds, communes = rendered(response.content.decode())
        by_pk = {s.pk: s.name for s in created}
        assert names == [by_pk[pk] for pk in expected["shown"]]
        assert distances == ["<1" if d is not None and d < 1 else d for d in expected["distances"]]
        assert total == expected["total"]
        assert kinds == expected["kinds"]
        assert communes == expected["communes"]
