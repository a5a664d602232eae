"""The receipt as a PDF reader reads it (pypdf extracts its text): every name prints, in any
script the embedded font covers, where Helvetica drew black boxes; and the receipt states
what an association's receipt must (name, address, RNA, SIRET, payer, period, amount in
figures and words, date, place, signatory)."""

import io
import unicodedata
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from wagtail.models import Site

from accounts.factories import UserFactory
from fees.factories import paid_membership
from fees.models import FeeSettings
from fees.receipts import render_receipt_pdf
from home.models import SiteSettings
from tests.properties import examples, rolled_back

pytestmark = pytest.mark.django_db

NAMES = [
    "Nguyễn Thị Ánh",  # Vietnamese
    "Łucja Kowalska-Źdźbło",  # Polish
    "Γιώργος Παπαδόπουλος",  # Greek
    "Светлана Иванова",  # Cyrillic
    "ნინო ბერიძე",  # Georgian
    "Արամ Սարգսյան",  # Armenian
    "Şükrü Öztürk",  # Turkish
    "Ōtsuka Ève-Maëlle O'Brien",  # Latin with macrons, diaereses, apostrophe
]


def text_of(pdf):
    return unicodedata.normalize("NFC", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def squeeze(text):
    return " ".join(text.split())


@pytest.fixture
def site(home_page):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    settings.organisation_name, settings.address = "Parentescence", "12 rue des Lilas\n31000 Toulouse"
    settings.save()
    fees = FeeSettings.for_site(site)
    fees.rna_number, fees.siret, fees.receipt_place = "W313012345", "123 456 789 00012", "Toulouse"
    fees.signatory_name, fees.signatory_title = "Hélène Trésor", "trésorière"
    fees.save()
    return site


@pytest.mark.parametrize("name", NAMES)
def test_every_name_prints(site, name):
    user = UserFactory(first_name=name.split(" ")[0], last_name=" ".join(name.split(" ")[1:]))
    payment = paid_membership(user)
    payment.payer_name = name
    assert name in squeeze(text_of(render_receipt_pdf(payment)))


@pytest.mark.parametrize("amount, words", [
    ("30", "trente euros"), ("1", "un euro"), ("0.50", "cinquante centimes"), ("0.01", "un centime"),
    ("1234.50", "mille deux cent trente-quatre euros et cinquante centimes"), ("80", "quatre-vingts euros"),
    ("21.21", "vingt et un euros et vingt et un centimes"),
])
def test_amounts_in_words(amount, words):
    from fees.receipts import money_in_words

    assert money_in_words(Decimal(amount)) == words


def test_the_receipt_states_what_it_must(site):
    user = UserFactory(first_name="Anh", last_name="Nguyễn")
    payment = paid_membership(user, amount=Decimal("30.00"), reference="CHQ-1")
    text = squeeze(text_of(render_receipt_pdf(payment)))
    membership = payment.membership
    for expected in [
        "Parentescence", "12 rue des Lilas", "31000 Toulouse", "RNA : W313012345", "SIRET : 123 456 789 00012",
        f"Reçu d'adhésion n° {payment.receipt_number}", "certifie avoir reçu de Anh Nguyễn",
        "30,00 € (trente euros)", f"Date du paiement : {payment.paid_on.day}",
        f"Adhésion valable du {membership.start_date.day}", "Fait à Toulouse, le", "Hélène Trésor, trésorière",
    ]:
        assert expected in text, expected


# Letters of the scripts the font covers, as names are written (capitalised words).
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæñáíóúãõăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ąćęłńśźżşğıőűøåčďěňřšťůž"
    "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяґєії"
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ"
)
# Georgian has no capitals in everyday writing (Mkhedruli); its Mtavruli capitals are not in
# the font, and names are not written in them.
word = st.text(st.sampled_from(LETTERS), min_size=1, max_size=12).map(
    lambda w: w if "\u10d0" <= w[0] <= "\u10ff" else w[0].upper() + w[1:])
full_name = st.lists(word, min_size=1, max_size=4).map(" ".join)


@examples(30)
@given(name=full_name, cents=st.integers(1, 100_000))
def test_property_any_name_and_amount_read_back(site, name, cents):
    with rolled_back():
        payment = paid_membership(UserFactory(), amount=Decimal(cents) / 100)
        payment.payer_name = name
        text = squeeze(text_of(render_receipt_pdf(payment)))
        assert unicodedata.normalize("NFC", name) in text
        figures = f"{Decimal(cents) / 100:,.2f}".replace(",", "\u202f").replace(".", ",")
        assert figures.replace("\u202f", "") in text.replace("\u202f", "").replace(" ", "").replace("\u00a0", "") or \
            figures in text
        assert timezone.localdate().year >= payment.paid_on.year
