"""The membership receipt ("reçu d'adhésion"): a one-page PDF, e-mailed to the member when a
payment is recorded and downloadable by the member and the treasurer."""

import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
import arabic_reshaper
from bidi import get_display
from num2words import num2words
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from accounts import roles
from home.mail import send_to_user
from home.models import SiteSettings


FONT_DIR = Path(__file__).resolve().parent / "fonts"
# DejaVu Sans (fonts/, from Debian's fonts-dejavu-core, free licence in COPYRIGHT-DejaVu.txt):
# embedded, so that every member's name prints, whatever its script (Latin with any accent,
# Greek, Cyrillic, Armenian, Georgian…), where the PDF's standard Helvetica has only
# Windows-1252 and draws black boxes.
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def has_rtl(text):
    return any(low <= ord(char) <= high for char in text for low, high in RTL_RANGES)


def visual(line):
    """A line as a PDF must draw it: a PDF has no text shaping nor bidirectional layout, so
    Arabic letters are joined into their contextual forms (arabic-reshaper) and right-to-left
    runs put in display order (python-bidi) inside the left-to-right French line. Lines
    without right-to-left text are left alone."""
    if not has_rtl(line):
        return line
    return get_display(reshaper().reshape(line), base_dir="L")


_reshaper = None


def reshaper():
    """arabic-reshaper with only the ligatures the embedded font can draw: DejaVu Sans has the
    lam-alef ones, not e.g. the single glyph for "الله" (drawn as a missing glyph otherwise);
    without its ligature a word is still written with its letters joined."""
    global _reshaper
    if _reshaper is None:
        from arabic_reshaper.ligatures import LIGATURES

        register_fonts()
        cmap = pdfmetrics.getFont(FONT).face.charToGlyph
        drawable = {
            name: "yes" if all(ord(char) in cmap for form in forms if form for char in form) else "no"
            for name, (_letters, forms) in LIGATURES
        }
        _reshaper = arabic_reshaper.ArabicReshaper(configuration=drawable)
    return _reshaper


def register_fonts():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def association_details():
    """What the receipt says of the association: name, address, identifiers, place and
    signatory (site settings and the fees' settings, kept by the treasurer)."""
    from wagtail.models import Site

    from fees.models import FeeSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"name": "Parentescence", "address": "", "rna": "", "siret": "", "place": "", "signatory": "",
                "signatory_title": ""}
    site_settings, fee_settings = SiteSettings.for_site(site), FeeSettings.for_site(site)
    return {
        "name": site_settings.organisation_name,
        "address": site_settings.address,
        "rna": fee_settings.rna_number,
        "siret": fee_settings.siret,
        "place": fee_settings.receipt_place,
        "signatory": fee_settings.signatory_name,
        "signatory_title": fee_settings.signatory_title,
    }


def money(amount):
    return formats.number_format(amount, decimal_pos=2, use_l10n=True) + "\u00a0€"


def money_in_words(amount):
    """The amount in French words, as a receipt states it: "trente euros", "un euro et
    cinquante centimes", "cinquante centimes" (no "et zéro centimes")."""
    cents_total = int((Decimal(amount) * 100).to_integral_value())
    euros, cents = divmod(cents_total, 100)
    parts = []
    if euros:
        parts.append(f"{num2words(euros, lang='fr')} {'euro' if euros == 1 else 'euros'}")
    if cents or not euros:
        parts.append(f"{num2words(cents, lang='fr')} {'centime' if cents <= 1 else 'centimes'}")
    return " et ".join(parts)


def receipt_filename(payment):
    return f"recu-adhesion-{payment.receipt_number}.pdf"


def receipt_lines(payment, details):
    """The receipt's text, line by line (French), after its heading."""
    membership = payment.period_membership
    lines = [
        _("%(association)s certifie avoir reçu de %(payer)s la somme de %(amount)s (%(words)s) au titre "
          "de la cotisation annuelle au réseau professionnel.")
        % {"association": details["name"], "payer": payment.payer_name, "amount": money(payment.amount),
           "words": money_in_words(payment.amount)},
        "",
        _("Date du paiement : %(date)s") % {"date": formats.date_format(payment.paid_on, "j F Y")},
        _("Moyen de paiement : %(method)s") % {"method": payment.get_method_display()},
    ]
    if payment.reference:
        lines.append(_("Référence : %(reference)s") % {"reference": payment.reference})
    if payment.instalment_number:
        lines.append(
            _("Cotisation réglée en plusieurs fois : ce reçu porte sur l'échéance n° %(number)s, pour le montant "
              "effectivement reçu.") % {"number": payment.instalment_number}
        )
    if membership is not None:
        lines.append(
            _("Adhésion valable du %(start)s au %(end)s inclus.")
            % {
                "start": formats.date_format(membership.start_date, "j F Y"),
                "end": formats.date_format(membership.end_date, "j F Y"),
            }
        )
    if payment.cancelled:
        lines += ["", _("REÇU ANNULÉ le %(date)s.") % {"date": formats.date_format(timezone.localdate(payment.cancelled_at), "j F Y")}]
        if payment.cancellation_reason:
            lines.append(_("Motif : %(reason)s") % {"reason": payment.cancellation_reason})
        lines.append(_("Ce reçu ne vaut plus justificatif de paiement."))
    issued = formats.date_format(timezone.localdate(payment.recorded_at), "j F Y")
    lines.append("")
    if details["place"]:
        lines.append(_("Fait à %(place)s, le %(date)s.") % {"place": details["place"], "date": issued})
    else:
        lines.append(_("Reçu établi le %(date)s.") % {"date": issued})
    if details["signatory"]:
        lines.append(", ".join(part for part in (details["signatory"], details["signatory_title"]) if part))
    return lines


def render_receipt_pdf(payment):
    """The receipt as PDF bytes, in French (the association's language for its accounts)."""
    register_fonts()
    details = association_details()
    with translation.override("fr"):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
        pdf.setTitle(_("Reçu d'adhésion n° %(number)s") % {"number": payment.receipt_number})
        pdf.setAuthor(details["name"])
        width, height = A4
        y = height - 25 * mm
        pdf.setFont(BOLD, 16)
        pdf.drawString(20 * mm, y, details["name"])
        pdf.setFont(FONT, 10)
        identifiers = [
            _("RNA : %(number)s") % {"number": details["rna"]} if details["rna"] else "",
            _("SIRET : %(number)s") % {"number": details["siret"]} if details["siret"] else "",
        ]
        for line in [*details["address"].splitlines(), " · ".join(filter(None, identifiers))]:
            if line.strip():
                y -= 5 * mm
                pdf.drawString(20 * mm, y, line.strip())
        y -= 18 * mm
        pdf.setFont(BOLD, 14)
        pdf.drawString(20 * mm, y, _("Reçu d'adhésion n° %(number)s") % {"number": payment.receipt_number})
        if payment.cancelled:
            draw_cancelled_stamp(pdf, width, height)
            pdf.setFillColorRGB(0, 0, 0)
        y -= 12 * mm
        text = pdf.beginText(20 * mm, y)
        text.setFont(FONT, 11)
        text.setLeading(16)
        for line in receipt_lines(payment, details):
            for chunk in wrap(line, 85):
                text.textLine(visual(chunk))  # wrapped first: each printed line is laid out on its own
        pdf.drawText(text)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def draw_cancelled_stamp(pdf, width, height):
    """A large "ANNULÉ" across the page, in red, so that a cancelled receipt is never taken for
    a valid one, printed or on screen (its text also says so, for readers and search)."""
    pdf.saveState()
    pdf.setFillColorRGB(0.75, 0.1, 0.1)
    pdf.setStrokeColorRGB(0.75, 0.1, 0.1)
    pdf.translate(width / 2, height / 2 - 40 * mm)
    pdf.rotate(30)
    pdf.setFont(BOLD, 72)
    label = _("ANNULÉ")
    pdf.drawCentredString(0, 0, label)
    text_width = pdf.stringWidth(label, BOLD, 72)
    pdf.setLineWidth(3)
    pdf.rect(-text_width / 2 - 8 * mm, -8 * mm, text_width + 16 * mm, 72 + 4 * mm, stroke=1, fill=0)
    pdf.restoreState()


def wrap(line, width):
    import textwrap

    return textwrap.wrap(line, width) or [""]


def receipt_response(payment):
    """The receipt as a PDF download (for the treasurer, or the member's own)."""
    response = HttpResponse(render_receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{receipt_filename(payment)}"'
    return response


def send_receipt(payment):
    """E-mail the receipt to the member (through the outbox: the worker delivers it and
    retries when the mail server fails). The message is in the member's language; the
    receipt itself is the association's French document."""
    sent = send_to_user(
        payment.user,
        "fees/emails/receipt.txt",
        {"payment": payment},
        gettext_lazy("Votre reçu d'adhésion n° %(number)s"),
        {"number": payment.receipt_number},
        attachments=[(receipt_filename(payment), render_receipt_pdf(payment), "application/pdf")],
    )
    if sent:
        type(payment).objects.filter(pk=payment.pk).update(receipt_sent_at=timezone.now())
    return sent


def send_cancellation(payment):
    """Tell the member a payment recorded for them was cancelled (by the association, or
    because HelloAsso refunded it or the payment is contested), with the cancelled receipt."""
    return send_to_user(
        payment.user,
        "fees/emails/cancelled.txt",
        {"payment": payment, "by_helloasso": payment.cancelled_by_id is None and payment.method == "helloasso"},
        gettext_lazy("Reçu d'adhésion n° %(number)s annulé"),
        {"number": payment.receipt_number},
        attachments=[(receipt_filename(payment), render_receipt_pdf(payment), "application/pdf")],
    )


def treasurers():
    return get_user_model().objects.filter(groups__name=roles.TREASURER, is_active=True).exclude(email="").distinct()


def tell_treasurers_of_cancellation(payment):
    """Tell each treasurer that HelloAsso cancelled a recorded payment (refund or dispute)."""
    for treasurer in treasurers():
        send_to_user(
            treasurer,
            "fees/emails/cancelled_treasurer.txt",
            {"payment": payment, "base_url": settings.WAGTAILADMIN_BASE_URL},
            gettext_lazy("HelloAsso : paiement du reçu n° %(number)s annulé"),
            {"number": payment.receipt_number},
        )
