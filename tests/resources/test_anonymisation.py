"""The identifying-data detector for vignettes: recall on an invented corpus, rules' edge cases.

No database. The recall per category and the false positives are printed in the terminal
summary (see conftest.py).
"""

import functools
import re
import time

import pytest

from resources.anonymisation import CATEGORIES, Match, first_names, highlight, scan

from .anonymisation_corpus import CORPUS, STRUCTURE_NAMES

MAX_FALSE_POSITIVE_RATE = 0.15


def kinds(text, structure_names=()):
    """(category, text) of each finding, in order."""
    return [(match.category, match.text) for match in scan(text, structure_names)]


# --- The corpus --------------------------------------------------------------------------------

def expected_spans(vignette):
    """(category, start, end) of every whole-word occurrence of each expected substring."""
    spans = []
    for category, substring in vignette.expected:
        pattern = rf"(?<!\w){re.escape(substring)}(?!\w)"
        spans += [(category, found.start(), found.end()) for found in re.finditer(pattern, vignette.text)]
    return spans


def overlaps(match, category, start, end):
    return match.category == category and match.start < end and start < match.end


@functools.cache
def evaluation():
    """Recall per category, missed spans, false positives (documented or not), over CORPUS."""
    found = dict.fromkeys(CATEGORIES, 0)
    expected = dict.fromkeys(CATEGORIES, 0)
    missed, false_positives, undocumented_in_clean, findings = [], [], [], 0
    for vignette in CORPUS:
        matches = scan(vignette.text, STRUCTURE_NAMES)
        spans = expected_spans(vignette)
        findings += len(matches)
        for category, start, end in spans:
            expected[category] += 1
            if any(overlaps(match, category, start, end) for match in matches):
                found[category] += 1
            else:
                missed.append(f"{category}: {vignette.text[start:end]!r} in “{vignette.name}”")
        for match in matches:
            if not any(overlaps(match, *span) for span in spans):
                documented = (match.category, match.text) in vignette.documented
                false_positives.append(
                    f"{match.category}: {match.text!r} in “{vignette.name}”"
                    + (" (documented)" if documented else "")
                )
                if vignette.clean and not documented:
                    undocumented_in_clean.append(false_positives[-1])
    return {
        "recall": {category: (found[category], expected[category]) for category in CATEGORIES},
        "missed": missed,
        "false_positives": false_positives,
        "undocumented_in_clean": undocumented_in_clean,
        "findings": findings,
    }


def test_corpus_is_well_formed():
    assert len(CORPUS) >= 40
    assert len({vignette.name for vignette in CORPUS}) == len(CORPUS)
    assert sum(vignette.clean for vignette in CORPUS) >= 12
    for vignette in CORPUS:
        for category, substring in vignette.expected + vignette.documented:
            assert category in CATEGORIES, vignette.name
            assert re.search(rf"(?<!\w){re.escape(substring)}(?!\w)", vignette.text), (vignette.name, substring)
    for category in CATEGORIES:
        examples = {substring for vignette in CORPUS for kind, substring in vignette.expected if kind == category}
        assert len(examples) >= 5, category


def test_recall_is_complete_in_every_category(anonymisation_report):
    result = evaluation()
    anonymisation_report.update(recall=result["recall"], missed=result["missed"])
    assert result["missed"] == []
    for category, (found, expected) in result["recall"].items():
        assert expected and found == expected, category


def test_false_positives_are_reported_and_few(anonymisation_report):
    result = evaluation()
    anonymisation_report.update(false_positives=result["false_positives"], findings=result["findings"])
    assert len(result["false_positives"]) <= MAX_FALSE_POSITIVE_RATE * result["findings"]


def test_anonymised_vignettes_give_only_documented_findings():
    assert evaluation()["undocumented_in_clean"] == []


def test_a_long_text_is_scanned_quickly(anonymisation_report):
    text = " ".join(vignette.text for vignette in CORPUS)
    while len(text.split()) < 5000:
        text += " " + text
    text = " ".join(text.split()[:5000])
    scan(text, STRUCTURE_NAMES)  # the first-name list and the regexes are ready
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        scan(text, STRUCTURE_NAMES)
        timings.append(time.perf_counter() - started)
    anonymisation_report.update(scan_ms=min(timings) * 1000, scan_words=5000)
    assert min(timings) < 0.05


# --- The API -------------------------------------------------------------------------------------

def test_categories_in_order():
    assert list(CATEGORIES) == [
        "first_name", "date", "phone", "email", "nir", "address", "postcode", "structure",
    ]
    assert str(CATEGORIES["first_name"]) == "Prénom"


def test_first_name_list_is_bundled():
    names = first_names()
    assert 600 <= len(names) <= 1000
    assert {"lea", "mohamed", "fatoumata", "ayse", "joao", "zofia", "lucia"} <= names


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n", "\u00a0"])
def test_empty_text(text):
    assert scan(text) == []
    assert scan(text, STRUCTURE_NAMES) == []


def test_matches_are_sorted_and_do_not_overlap():
    text = " ".join(vignette.text for vignette in CORPUS)
    matches = scan(text, STRUCTURE_NAMES)
    assert matches == sorted(matches, key=lambda match: match.start)
    for before, after in zip(matches, matches[1:]):
        assert before.end <= after.start
    for match in matches:
        assert isinstance(match, Match) and text[match.start:match.end] == match.text


@pytest.mark.parametrize("vignette", CORPUS, ids=lambda vignette: vignette.name)
def test_highlight_rebuilds_the_text(vignette):
    matches = scan(vignette.text, STRUCTURE_NAMES)
    segments = highlight(vignette.text, matches)
    assert "".join(segment for segment, _ in segments) == vignette.text
    assert [match for _, match in segments if match] == matches
    assert all(segment for segment, _ in segments)
    assert all(segment == match.text for segment, match in segments if match)


def test_highlight_without_matches_and_with_overlaps():
    assert highlight("Rien à signaler.", []) == [("Rien à signaler.", None)]
    assert highlight("", []) == []
    first, overlapping = Match("first_name", 0, 3, "Léa"), Match("date", 1, 5, "éa d")
    assert highlight("Léa dort", [overlapping, first]) == [("Léa", first), (" dort", None)]


# --- First names ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Elle appelle Jean-Pierre tous les soirs.", ["Jean-Pierre"]),
    ("Marie-Claire est là.", ["Marie-Claire"]),
    ("La maman d'Inès et de Zoé.", ["Inès", "Zoé"]),
    ("Fatoumata, Ayşe, Zofia, João et Lucía.", ["Fatoumata", "Ayşe", "Zofia", "João", "Lucía"]),
    ("Le suivi de MOHAMED reprend.", ["MOHAMED"]),
    ("Jean-Noël et Marie-Ève sont arrivés.", ["Jean-Noël", "Marie-Ève"]),
    ("Mme B. a appelé Léa.", ["Léa"]),
])
def test_first_names(text, expected):
    assert kinds(text) == [("first_name", name) for name in expected]


@pytest.mark.parametrize("text", [
    "Claire et nette, sa demande est simple.",
    "Pierre angulaire du suivi, la confiance.",
    "Elle se tait. Victoire ! L'enfant mange.",
    "Grâce à l'équipe, tout va mieux.",
    "« Aurore ou crépuscule », dit-elle.",
    "— Rose de honte, elle se tait.",
    "Olive, pain et fromage.",
])
def test_common_word_names_at_sentence_start_are_not_flagged(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text, name", [
    ("Sa fille, Claire, dort mal.", "Claire"),
    ("Le père de Pierre travaille.", "Pierre"),
    ("Il présente M. Pierre à la sage-femme.", "Pierre"),
    ("Elle appelle sa fille Victoire.", "Victoire"),
])
def test_common_word_names_inside_a_sentence_are_flagged(text, name):
    assert kinds(text) == [("first_name", name)]


@pytest.mark.parametrize("text", [
    "Mme B. et M. K. sont venus.",
    "Madame et Monsieur, Maman et Papa, Mamie et Papi.",
    "Rendez-vous Lundi ; Avril et Mai sont chargés.",
    "Noël a été difficile.",
    "Elle habite Saint-Pierre, près de l'église Saint Jean.",
    "Elle vit en Lorraine, à Florence puis à Aix-en-Provence.",
    "Le CAMSP, la PMI, le RAM et l'ION.",
    "la petite léa dort",  # not capitalised: not looked for
])
def test_not_first_names(text):
    assert kinds(text) == []


def test_compound_with_a_word_that_is_not_a_name_is_not_flagged():
    assert kinds("Elle part pour Marie-Galante avec Léa.") == [("first_name", "Léa")]


# --- Dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date", [
    ("Vue le 12/03/2021.", "12/03/2021"),
    ("Vue le 12-03-21.", "12-03-21"),
    ("Vue le 12.03.2021.", "12.03.2021"),
    ("Vue le 12 mars 2021.", "12 mars 2021"),
    ("Vue le 1er mars.", "1er mars"),
    ("Vue le 3 avril.", "3 avril"),
    ("Vue le premier juin.", "premier juin"),
    ("Vue le samedi 4 déc. à midi.", "samedi 4 déc."),
    ("Vue le 4 sept 2020.", "4 sept 2020"),
    ("Vue le 2021-03-12.", "2021-03-12"),
    ("Sortie le 16/02.", "16/02"),
    ("Elle est née en mars 2019.", "mars 2019"),
    ("Il est né fin août 2020 à Albi.", "août 2020"),
    ("Naissance prématurée en janvier 2022.", "janvier 2022"),
])
def test_dates(text, date):
    assert kinds(text) == [("date", date)]


@pytest.mark.parametrize("text", [
    "Le bébé est né en 2019.",
    "En mars, elle reprend le travail.",
    "En mars 2019, elle consulte pour la première fois.",
    "Un bébé de 3 mois, une mère de 28 ans, 2 semaines, 7 jours.",
    "Elle a sept ans.",
    "Il mange les 3/4 du biberon, mais pas le soir.",
])
def test_not_dates(text):
    assert kinds(text) == []


# --- Phones, NIR, postcodes ------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678", "05 61-23.45 67",
    "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78",
])
def test_phones(phone):
    assert kinds(f"Appeler le {phone} demain.") == [("phone", phone)]


@pytest.mark.parametrize("nir", [
    "2 85 03 31 555 123 45", "2850331555123", "285033155512345", "1 78 12 13 055 089",
    "2 91 07 2A 004 031 87", "1 91 07 2B 004 031", "1 60 31 99 350 123 12", "7 85 03 31 555 123 45",
])
def test_nirs(nir):
    assert kinds(f"NIR : {nir}.") == [("nir", nir)]


def test_no_phone_date_or_postcode_inside_a_nir():
    for nir in ("2 85 03 31 555 123 45", "285033155512345", "1 60 01 75 012 345 67"):
        assert kinds(f"Numéro {nir}") == [("nir", nir)]


def test_no_date_inside_a_phone():
    assert kinds("Tél. 01.02.03.04.05 et 06-12-21-45-67") == [
        ("phone", "01.02.03.04.05"), ("phone", "06-12-21-45-67"),
    ]


def test_nir_and_phone_side_by_side():
    text = "Sécu 2 85 03 31 555 123 45, tél. 06 12 34 56 78, fixe 0561234567."
    assert kinds(text) == [
        ("nir", "2 85 03 31 555 123 45"), ("phone", "06 12 34 56 78"), ("phone", "0561234567"),
    ]


@pytest.mark.parametrize("text", [
    "3 85 03 31 555 123 45",  # sex digit 3
    "2 85 13 31 555 123 45",  # month 13
    "28503315551",  # too short
])
def test_not_nirs(text):
    assert ("nir", text) not in kinds(text)


@pytest.mark.parametrize("text, postcode", [
    ("Toulouse 31300", "31300"),
    ("à Toulouse 31000, chez sa mère", "31000"),
    ("75019 Paris", "75019"),
    ("Blagnac (31700)", "31700"),
    ("01000 Bourg-en-Bresse", "01000"),
    ("97400 Saint-Denis", "97400"),
])
def test_postcodes(text, postcode):
    assert kinds(text) == [("postcode", postcode)]


@pytest.mark.parametrize("text", [
    "Appeler le 06 12 34 56 78.",  # a phone, not postcodes
    "0612345678",
    "Elle gagne 12500 euros, 31000 € ou 25000 EUR.",
    "Le nourrisson pèse 3 250 g, le dossier n° 123456.",
    "99123 et 00123",  # out of range
    "1,25000 ou 25000,5",
])
def test_not_postcodes(text):
    assert "postcode" not in [category for category, _ in kinds(text)]


# --- E-mails -------------------------------------------------------------------------------------

@pytest.mark.parametrize("email", [
    "sabrina.k75@gmail.com", "contact@maternite-exemple.fr", "lea_m+creche@laposte.net",
    "PAPA.MAMAN@YAHOO.FR",
])
def test_emails(email):
    assert kinds(f"Écrire à {email}, merci.") == [("email", email)]


def test_email_wins_over_a_first_name_inside_it():
    assert kinds("Écrire à Marie.Durand@free.fr.") == [("email", "Marie.Durand@free.fr")]


# --- Addresses ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, address", [
    ("Elle vit au 12 rue des Lilas.", "12 rue des Lilas"),
    ("Elle vit au 4 bis avenue de la Gloire.", "4 bis avenue de la Gloire"),
    ("Elle vit résidence Les Tilleuls.", "résidence Les Tilleuls"),
    ("Elle habite impasse Vendôme.", "impasse Vendôme"),
    ("Elle vit 12 rue des lilas.", "12 rue des lilas"),
    ("Elle vit 3, chemin des vignes.", "3, chemin des vignes"),
    ("Elle vit au 18 bd Carnot.", "18 bd Carnot"),
    ("Elle vit av. Jean Jaurès.", "av. Jean Jaurès"),
    ("Elle vit 2 rue Pierre et Marie Curie.", "2 rue Pierre et Marie Curie"),
    ("Elle vit 9 quai de la Daurade.", "9 quai de la Daurade"),
    ("Elle vit place du Capitole.", "place du Capitole"),
    ("Elle vit 12 cours Dillon.", "12 cours Dillon"),
    ("Elle vit rue d'Alsace-Lorraine.", "rue d'Alsace-Lorraine"),
])
def test_addresses(text, address):
    assert kinds(text) == [("address", address)]


@pytest.mark.parametrize("text", [
    "Dans la rue, il refuse de marcher.",
    "Sur la place du marché, il se roule par terre.",
    "Au cours de la grossesse, elle a suivi 3 cours de préparation.",
    "À la place de la tétée, un biberon.",
    "Elle ne sait plus quel chemin prendre.",
    "Elle est en résidence alternée.",
    "Naissance par voie basse.",
])
def test_not_addresses(text):
    assert kinds(text) == []


def test_ambiguous_street_word_before_a_first_name():
    assert kinds("Le chemin de Léa vers la crèche ; au cours de Pierre.") == [
        ("first_name", "Léa"), ("first_name", "Pierre"),
    ]


def test_address_wins_over_a_first_name_inside_it():
    assert kinds("Au 7, allée Jean Jaurès, 31000 Toulouse.") == [
        ("address", "7, allée Jean Jaurès"), ("postcode", "31000"),
    ]


# --- Structures ----------------------------------------------------------------------------

def test_structures_are_accent_and_case_insensitive():
    text = "Suivie à l'HOPITAL DES ENFANTS puis à la maternité Paule-de-Viguier et chez voyelles."
    assert kinds(text, STRUCTURE_NAMES) == [
        ("structure", "HOPITAL DES ENFANTS"), ("structure", "maternité Paule-de-Viguier"),
        ("structure", "voyelles"),
    ]


def test_structures_are_whole_words_and_short_names_ignored():
    assert kinds("Les voyellesques, le CHU Purpanais.", STRUCTURE_NAMES) == []
    assert kinds("Le CH de la ville, la PMI.", ["CH", "  ", "PMI", ""]) == [("structure", "PMI")]
    assert kinds("Suivie à Voyelles.") == []  # no names given


def test_structure_wins_over_a_first_name_inside_it():
    assert kinds("À la crèche Sainte-Rose, puis à la crèche Jade.", ["crèche Jade"]) == [
        ("structure", "crèche Jade"),
    ]
