"""The models and their migrations agree: a model changed without its migration (a field, a
table name, a model moved between apps without its SeparateDatabaseAndState) fails here
rather than on the association's database."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations found changes without a migration (exit {exit_.code}):\n{out.getvalue()}")
