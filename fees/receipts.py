"""The membership receipt ("reçu d'adhésion"): a one-page PDF, e-mailed to the member when a
payment is recorded and downloadable by the member and the treasurer."""

import io

from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from home.mail import send_to_user
from home.models import SiteSettings


def association_details():
    from wagtail.models import Site


    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "Parentescence", ""
    site_settings = SiteSettings.for_site(site)
    return site_settings.organisation_name, site_settings.address


def money(amount):
    return formats.number_format(amount, decimal_pos=2, use_l10n=True) + " €"


def receipt_filename(payment):
    return f"recu-adhesion-{payment.receipt_number}.pdf"


def render_receipt_pdf(payment):
    """The receipt as PDF bytes, in French (the association's language for its accounts)."""
    name, address = association_details()
    membership = payment.membership
    with translation.override("fr"):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
        pdf.setTitle(_("Reçu d'adhésion n° %(number)s") % {"number": payment.receipt_number})
        pdf.setAuthor(name)
        width, height = A4
        y = height - 25 * mm
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(20 * mm, y, name)
        pdf.setFont("Helvetica", 10)
        for line in address.splitlines():
            y -= 5 * mm
            pdf.drawString(20 * mm, y, line.strip())
        y -= 18 * mm
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(20 * mm, y, _("Reçu d'adhésion n° %(number)s") % {"number": payment.receipt_number})
        y -= 12 * mm
        pdf.setFont("Helvetica", 11)
        lines = [
            _("%(association)s certifie avoir reçu de %(payer)s la somme de %(amount)s au titre de "
              "la cotisation annuelle au réseau professionnel.")
            % {"association": name, "payer": payment.payer_name, "amount": money(payment.amount)},
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
        lines += [
            "",
            _("Reçu établi le %(date)s.") % {"date": formats.date_format(timezone.localdate(payment.recorded_at), "j F Y")},
        ]
        text = pdf.beginText(20 * mm, y)
        text.setFont("Helvetica", 11)
        text.setLeading(16)
        for line in lines:
            for chunk in wrap(line, 90):
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
