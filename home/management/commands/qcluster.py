"""`manage.py qcluster`: django-q2's command, with a bounded stop and a start that sends
what is due (home/worker.py). Found before django-q2's own because `home` comes before
`django_q` in INSTALLED_APPS."""

from django_q.management.commands.qcluster import Command as DjangoQCommand

from home import worker


class Command(DjangoQCommand):
    def handle(self, *args, **options):
        worker.install()
        super().handle(*args, **options)
