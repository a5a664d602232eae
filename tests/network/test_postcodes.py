"""The bundled postcode table and the distance helpers (no database)."""

import csv
import gzip
import math

import pytest

from network import postcodes
from network.postcodes import (
    Place, bounding_box, commune_coordinates, distance_km, is_known, locate, normalise, places,
)

TOULOUSE = (43.60, 1.44)
# Plausible (min_lat, max_lat, min_lon, max_lon) for each overseas département or collectivity.
OVERSEAS = {
    "971": (15.8, 16.6, -61.9, -61.0),
    "972": (14.3, 14.95, -61.3, -60.7),
    "973": (2.0, 5.8, -54.7, -51.5),
    "974": (-21.4, -20.85, 55.2, 55.85),
    "975": (46.7, 47.2, -56.5, -56.1),
    "976": (-13.05, -12.6, 44.95, 45.35),
    "977": (17.85, 17.97, -62.95, -62.78),
    "978": (18.0, 18.15, -63.2, -62.95),
    "986": (-14.4, -13.1, -178.3, -176.0),
    "987": (-28.0, -7.0, -155.0, -134.0),
    "988": (-23.0, -19.5, 163.5, 168.5),
}
METROPOLE = (41.3, 51.1, -5.2, 9.6)  # Corsica included


@pytest.fixture(scope="module")
def rows():
    with gzip.open(postcodes.TABLE, "rt", encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def destination(lat, lon, km, bearing):
    """The point `km` away from (lat, lon) along the great circle starting at `bearing`."""
    d, theta = km / postcodes.EARTH_RADIUS_KM, math.radians(bearing)
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(theta))
    lambda2 = lambda1 + math.atan2(
        math.sin(theta) * math.sin(d) * math.cos(phi1), math.cos(d) - math.sin(phi1) * math.sin(phi2)
    )
    return math.degrees(phi2), math.degrees(lambda2)


def inside(box, lat, lon):
    min_lat, max_lat, min_lon, max_lon = box
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


# -- The table ----------------------------------------------------------------------


def test_the_table_has_one_row_per_postcode_and_commune(rows):
    header, body = rows[0], rows[1:]
    assert header == ["postcode", "insee", "commune", "departement", "lat", "lon", "precision"]
    assert len(body) > 30_000
    assert len({(row[0], row[1]) for row in body}) == len(body)
    assert [row[0] for row in body] == sorted(row[0] for row in body)
    assert {row[6] for row in body} <= set(postcodes.PRECISIONS)
    assert all(len(row[4].split(".")[1]) <= 4 and len(row[5].split(".")[1]) <= 4 for row in body)


def test_every_row_lies_in_france_or_overseas(rows):
    departements = {row[3] for row in rows[1:]}
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= departements
    for postcode, insee, commune, departement, lat, lon, _precision in rows[1:]:
        box = OVERSEAS.get(departement, METROPOLE)
        assert inside(box, float(lat), float(lon)), (postcode, commune, lat, lon)
        assert insee.startswith(departement[:2]) and postcode.isdigit() and len(postcode) == 5


def test_most_rows_are_placed_by_commune_or_postcode(rows):
    precisions = [row[6] for row in rows[1:]]
    assert precisions.count("commune") + precisions.count("postcode") > 0.9 * len(precisions)


# -- Looking up ---------------------------------------------------------------------


def test_31300_is_toulouse():
    (place,) = places("31300")
    assert isinstance(place, Place)
    assert (place.commune, place.insee, place.departement) == ("Toulouse", "31555", "31")
    assert distance_km(*locate("31300"), *TOULOUSE) < 5


@pytest.mark.parametrize("postcode", ["31000", "75001", " 31300 ", "20000", "97400"])
def test_known_postcodes(postcode):
    assert is_known(postcode)
    assert places(postcode) and locate(postcode)


@pytest.mark.parametrize(
    "postcode", ["99999", "abc", "", None, "3130", "313000", "31 30", 31300, "３１３００"]
)
def test_unknown_or_malformed_postcodes(postcode):
    assert places(postcode) == []
    assert locate(postcode) is None
    assert not is_known(postcode)
    assert commune_coordinates(postcode, "Toulouse") is None


def test_a_postcode_of_several_communes():
    communes = {place.commune for place in places("31120")}
    assert {"Portet-sur-Garonne", "Roques", "Pinsaguel", "Lacroix-Falgarde"} <= communes
    lat, lon = locate("31120")
    assert all(distance_km(lat, lon, place.lat, place.lon) < 10 for place in places("31120"))


def test_paris_postcodes_are_placed_at_their_arrondissement():
    first, twentieth = locate("75001"), locate("75020")
    assert 3 < distance_km(*first, *twentieth) < 8
    assert [place.commune for place in places("75011")] == ["Paris"]


def test_a_repeated_name_goes_to_the_right_departement():
    """Two Aucamville in Occitanie: a suburb of Toulouse and a village of Tarn-et-Garonne."""
    assert distance_km(*commune_coordinates("31140", "Aucamville"), *TOULOUSE) < 10
    assert 15 < distance_km(*commune_coordinates("82600", "Aucamville"), *TOULOUSE) < 40


# -- A practice's commune ----------------------------------------------------------------


def test_commune_coordinates_picks_the_commune_of_the_postcode():
    by_name = {place.commune: (place.lat, place.lon) for place in places("31120")}
    assert commune_coordinates("31120", "Roques") == by_name["Roques"]
    assert commune_coordinates("31120", "PORTET SUR GARONNE") == by_name["Portet-sur-Garonne"]
    assert commune_coordinates(" 31120", "pinsaguel ") == by_name["Pinsaguel"]
    assert by_name["Roques"] != by_name["Portet-sur-Garonne"]


def test_commune_coordinates_takes_a_unique_beginning_then_the_postcode():
    saint_orens = next(p for p in places("31650") if p.commune == "Saint-Orens-de-Gameville")
    assert commune_coordinates("31650", "St Orens") == (saint_orens.lat, saint_orens.lon)
    assert commune_coordinates("31120", "Ailleurs") == locate("31120")
    assert commune_coordinates("31120", "") == locate("31120")
    assert commune_coordinates("31120", None) == locate("31120")


def test_normalise():
    assert normalise("Saint-Orens-de-Gameville") == normalise("ST ORENS DE GAMEVILLE")
    assert normalise("Saint-Orens-de-Gameville") == "st orens de gameville"
    assert normalise("L'Haÿ-les-Roses") == "l hay les roses"
    assert normalise("Sainte-Foy-lès-Lyon") == "ste foy les lyon"
    assert normalise("Œuilly") == "oeuilly"


# -- Distances ----------------------------------------------------------------------


def test_distance_km():
    assert 580 < distance_km(*locate("31000"), *locate("75001")) < 600
    assert distance_km(*TOULOUSE, *TOULOUSE) == 0
    assert distance_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371)
    assert distance_km(43.6, 1.44, 48.86, 2.35) == pytest.approx(distance_km(48.86, 2.35, 43.6, 1.44))


@pytest.mark.parametrize(
    "lat,lon,km",
    [(43.60, 1.44, 10), (48.86, 2.34, 50), (-21.1, 55.5, 30), (-14.3, -178.1, 5), (64.0, 10.0, 300)],
)
def test_bounding_box_contains_every_point_within_km(lat, lon, km):
    box = bounding_box(lat, lon, km)
    for bearing in (0, 90, 180, 270):  # exactly km away, in the four directions
        point = destination(lat, lon, km, bearing)
        assert distance_km(lat, lon, *point) == pytest.approx(km)
        assert inside(box, *point), (bearing, point, box)
    for bearing in range(0, 360, 5):  # and the whole circle
        assert inside(box, *destination(lat, lon, km, bearing))
    # Not much larger than needed: one degree of latitude is ~111.2 km.
    assert box[1] - box[0] == pytest.approx(2 * km / 111.19, rel=1e-3)


def test_bounding_box_near_a_pole_spans_every_longitude():
    assert bounding_box(89.95, 0, 20)[2:] == (-180.0, 180.0)
