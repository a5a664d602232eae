from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from support import crypto
from support.models import Contact, Family


class Command(BaseCommand):
    help = (
        "Re-encrypt every family's encrypted field with the first key of SUPPORT_ENCRYPTION_KEYS. "
        "Rotation: put the new key first (the old one after it), run this, then remove the old key."
    )

    def handle(self, *args, **options):
        counts = {}
        try:
            with transaction.atomic():
                for model in (Family, Contact):
                    fields = [field.name for field in crypto.encrypted_fields(model)]
                    rows = 0
                    pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
                    # Batches by primary key rather than a server-side cursor: a decryption
                    # error must roll back cleanly, with no open cursor left behind (PostgreSQL).
                    for start in range(0, len(pks), 500):
                        for instance in model.objects.filter(pk__in=pks[start:start + 500]).only("pk", *fields):
                            # Read with whichever key fits; saved encrypted with the first one.
                            model.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in fields})
                            rows += 1
                    counts[model._meta.model_name] = rows
        except crypto.DecryptionError as error:
            raise CommandError(f"{error}. Nothing was changed: keep the old key in SUPPORT_ENCRYPTION_KEYS.") from error
        self.stdout.write(
            "Re-encrypted with the first key: "
            + ", ".join(f"{rows} {name} row(s)" for name, rows in counts.items())
            + ". Every value now decrypts with the first key alone: the others can be removed."
        )
