"""Queries a parent or a professional types, with the pages each must find among the first
three results, on the site's own content (home.content.build.build_site) and the demo members
(network.demo.create_demo_members). Accents dropped, plurals and capitals in some, as typed on
a phone. Used by tests/home/test_search_relevance.py and bench/search.py.

Left out on purpose: words the site does not contain today ("baby blues", "portage",
"doula", "jumeaux"): no page can be expected for them.
"""

QUERIES = [
    ("allaitement", ["Nadia Benali"]),
    ("allaitements", ["Nadia Benali"]),
    ("sommeil bebe", ["Camille Faure"]),
    ("troubles du sommeil", ["Camille Faure"]),
    ("sage femme", ["Marie Membre"]),
    ("sages-femmes", ["Marie Membre"]),
    ("consultante lactation", ["Nadia Benali"]),
    ("prematurite", ["Inès Moreau"]),
    ("Prématurité", ["Inès Moreau"]),
    ("charte", ["Charte des valeurs et postures"]),
    ("valeurs", ["Charte des valeurs et postures"]),
    ("postures", ["Charte des valeurs et postures"]),
    ("adhesion", ["Le réseau professionnel"]),
    ("groupe de parole", ["L'accompagnement individualisé"]),
    ("osteopathe", ["Camille Faure"]),
    ("psychologue perinatale", ["Samuel Ortiz"]),
    ("deuil perinatal", ["Samuel Ortiz"]),
    ("depression post-partum", ["Samuel Ortiz"]),
    ("intervision", ["Le réseau professionnel"]),
    ("vignettes cliniques", ["Le réseau professionnel"]),
    ("rejoindre le reseau", ["Rejoindre le réseau"]),
    ("structures partenaires", ["Structures partenaires et de proximité"]),
    ("PMI", ["Structures partenaires et de proximité"]),
    ("temps d'echange", ["Les temps d'échange entre parents"]),
    ("isolement", ["Les temps d'échange entre parents"]),
    ("accompagnement individualise", ["L'accompagnement individualisé"]),
    ("visite a domicile", ["L'accompagnement individualisé"]),
    ("agenda", ["Agenda"]),
    ("educatrice jeunes enfants", ["Lucie Garnier"]),
    ("EDUCATRICES", ["Lucie Garnier"]),
    ("psychomotricienne", ["Inès Moreau"]),
    ("langue des signes", ["Inès Moreau"]),
    ("arabe", ["Nadia Benali"]),
    ("actions collectives", ["Les actions collectives"]),
    ("professionnels du reseau", ["Le réseau professionnel"]),
]


def precision_at_3(search):
    """Per query, the share of its expected pages found among the first three titles
    `search(query)` returns; and the mean over all queries. Returns (mean, misses)."""
    scores, misses = [], []
    for query, expected in QUERIES:
        top = search(query)[:3]
        found = [title for title in expected if title in top]
        scores.append(len(found) / min(3, len(expected)))
        if len(found) < len(expected):
            misses.append((query, expected, top))
    return sum(scores) / len(scores), misses
