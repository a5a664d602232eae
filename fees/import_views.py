"""The treasurer's screen to take over the association's existing members from a CSV file
(the rules are in fees.importer)."""

import logging
import os

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fees import importer

logger = logging.getLogger(__name__)

PERMISSION = "fees.import_members"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV des adhérent·es"),
        help_text=gettext_lazy(
            "Une ligne de titres puis une ligne par personne. Colonnes : « nom » (nom complet), ou « prénom » et "
            "« nom » ; « e-mail » ; « date du dernier paiement » (JJ/MM/AAAA ou AAAA-MM-JJ) ; « profession » "
            "(facultative). Séparateur virgule ou point-virgule. Depuis Excel : « Enregistrer sous », format "
            "« CSV UTF-8 ». 1 Mo au plus."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Essai à blanc : vérifier le fichier sans rien enregistrer"),
        help_text=gettext_lazy(
            "Décochez pour importer pour de bon (choisissez à nouveau le fichier). L'import est refusé en entier "
            "si une ligne a une erreur."
        ),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name or "")[1].lower() not in (".csv", ".txt"):
            raise forms.ValidationError(
                _("Choisissez un fichier .csv (dans Excel : « Enregistrer sous », format CSV UTF-8).")
            )
        if upload.size > importer.MAX_FILE_SIZE:
            raise forms.ValidationError(_("Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers."))
        data = upload.read()
        try:
            importer.decode(data)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return data


def import_members(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    report = None
    refused = False
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = importer.parse(form.cleaned_data["file"])
            if not form.cleaned_data["dry_run"]:
                try:
                    importer.apply(report)
                except importer.ImportRefused:
                    refused = True
                    logger.info("Members import refused by %s: errors in the file.", request.user.pk)
                    messages.error(request, _("Import refusé : le fichier a des erreurs, rien n'a été enregistré."))
                else:
                    messages.success(
                        request,
                        _("Import effectué : %(created)s compte(s) créé(s), %(updated)s adhésion(s) ajoutée(s), "
                          "%(skipped)s ignorée(s).")
                        % {
                            "created": report.count(importer.Outcome.CREATE),
                            "updated": report.count(importer.Outcome.UPDATE),
                            "skipped": report.count(importer.Outcome.SKIP),
                        },
                    )
                    form = ImportForm()
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "fees/admin/import.html",
        {"form": form, "report": report, "refused": refused, "outcome": importer.Outcome},
    )
