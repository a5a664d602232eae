"""The membership receipt ("reçu d'adhésion"): a one-page PDF, e-mailed to the member when a
payment is recorded and downloadable by the member and the treasurer."""

import io
from decimal import Decimal
from pathlib import Path

from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from num2words import num2words
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from home.mail import send_to_user
from home.models import SiteSettings


FONT_DIR = Path(__file__).resolve().parent / "fonts"
# DejaVu Sans (fonts/, from Debian's fonts-dejavu-core, free licence in COPYRIGHT-DejaVu.txt):
# embedded, so that every member's name prints, whatever its script (Latin with any accent,
# Greek, Cyrillic, Armenian, Georgian…), where the PDF's standard Helvetica has only
# Windows-1252 and draws black boxes.
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


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
    membership = payment.membership
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
        y -= 12 * mm
        text = pdf.beginText(20 * mm, y)
        text.setFont(FONT, 11)
        text.setLeading(16)
        for line in receipt_lines(payment, details):
            for chunk in wrap(line, 85):
                text.textLine(chunk)
        pdf.drawText(text)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()


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
    """Tell the member a payment recorded for them was cancelled."""
    return send_to_user(
        payment.user,
        "fees/emails/cancelled.txt",
        {"payment": payment},
        gettext_lazy("Reçu d'adhésion n° %(number)s annulé"),
        {"number": payment.receipt_number},
    )
