"""Arabic names on receipts (issue 18): a PDF has no text shaping nor bidirectional layout, so
the receipt draws the letters joined (their contextual presentation forms, limited to the
glyphs the embedded font has) and the right-to-left run in display order. Checked by
extracting the PDF's text with pypdf, as a reader would, against a reference from Unicode
alone: folding the presentation forms back (NFKC) gives the name as typed (pypdf reads
right-to-left runs back in typing order; a run drawn unreversed comes back reversed), the
letters drawn are joined forms, not isolated ones, and nothing prints as a missing glyph."""

import io
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from accounts.factories import UserFactory
from fees.factories import paid_membership
from fees.receipts import render_receipt_pdf
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

ARABIC_RUN = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?: [\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*")
PRESENTATION_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")
NAMES = [("فاطمة", "الزهراء"), ("محمد", "بن علي"), ("ليلى", "عبد الله")]


def receipt_text(first, last):
    user = UserFactory(first_name=first, last_name=last)
    pdf = render_receipt_pdf(paid_membership(user))
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def logical(run):
    """The run as read back, letters unjoined (presentation forms folded to letters)."""
    return unicodedata.normalize("NFKC", run)


@pytest.mark.parametrize("first, last", NAMES)
def test_an_arabic_name_is_shaped_and_in_order(first, last):
    text = receipt_text(first, last)
    runs = ARABIC_RUN.findall(text)
    assert runs, text
    name = f"{first} {last}"
    assert logical(runs[0]) == name  # right to left, the whole name in its order
    assert PRESENTATION_FORMS.search(runs[0])  # letters joined, not isolated
    assert "\x00" not in text and "\ufffd" not in text  # every glyph drawn
    assert "la somme de 30,00 € (trente euros)" in text  # the French around it is untouched
    assert text.index("certifie avoir reçu de") < text.index(runs[0]) < text.index("la somme de")


@examples(15)
@given(words=st.lists(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي", min_size=2, max_size=7),
                      min_size=2, max_size=3))
def test_any_arabic_name_reads_back_as_typed(words):
    with rolled_back():
        text = receipt_text(words[0], " ".join(words[1:]))
        assert logical(ARABIC_RUN.findall(text)[0]) == " ".join(words)
        assert "\x00" not in text
