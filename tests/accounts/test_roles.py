"""Each role is a group holding exactly the permissions described in accounts.roles."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Workflow

from accounts import roles
from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", [roles.EDITORS, roles.COMMISSION, roles.MEMBERS, roles.TREASURER])
def test_group_permissions_match_the_roles(name):
    group = Group.objects.get(name=name)
    model_perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert model_perms == roles.MODEL_PERMISSIONS[name]
    page_perms = {gpp.permission.codename for gpp in GroupPagePermission.objects.filter(group=group)}
    assert page_perms == roles.PAGE_PERMISSIONS[name]
    collection_perms = {
        f"{gcp.permission.content_type.app_label}.{gcp.permission.codename}"
        for gcp in GroupCollectionPermission.objects.filter(group=group)
    }
    assert collection_perms == roles.COLLECTION_PERMISSIONS[name]


def test_only_our_roles_exist_and_no_default_moderation_workflow():
    from wagtail.models import Task

    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLE_DESCRIPTIONS)
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    # nor its task, left behind: the tasks are the commission's vote, the editors' review of
    # members' profile changes and their anonymisation review of vignettes
    tasks = {task.specific_class.__name__: task.specific for task in Task.objects.all()}
    assert set(tasks) == {"CommissionVoteTask", "GroupApprovalTask", "AnonymisationReviewTask"}
    assert [group.name for group in tasks["GroupApprovalTask"].groups.all()] == [roles.EDITORS]
    assert [group.name for group in tasks["AnonymisationReviewTask"].groups.all()] == [roles.EDITORS]


def test_editor_reaches_the_admin_and_can_edit_pages(client, home_page):
    editor = UserFactory(username="ed", groups=[roles.EDITORS])
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200


def test_editor_cannot_manage_users(client, db):
    client.force_login(UserFactory(username="ed", groups=[roles.EDITORS]))
    response = client.get("/admin/users/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("group", [roles.MEMBERS, None])
def test_members_and_anonymous_have_no_admin(client, db, group):
    if group:
        client.force_login(UserFactory(username="m", groups=[group]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("debug,host", [(False, ""), (True, "db.example.org")])
def test_demo_accounts_refuse_to_run_outside_development(settings, monkeypatch, debug, host):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = debug
    monkeypatch.setitem(settings.DATABASES["default"], "HOST", host)
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_accounts_one_per_role(settings, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from network.models import Application
    from network.factories import CharterPageFactory
    from home.factories import site_with_home

    from network.demo import DEMO_MEMBERS
    from network.models import DirectoryIndexPage

    home = site_with_home()
    CharterPageFactory(parent=home)
    home.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    settings.DEBUG = True
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_demo_accounts", stdout=out)
        call_command("create_demo_accounts", stdout=out)  # idempotent
    User = get_user_model()
    assert User.objects.filter(username="admin", is_superuser=True).count() == 1
    expected = {roles.EDITORS: 1, roles.COMMISSION: 3, roles.MEMBERS: len(DEMO_MEMBERS), roles.TREASURER: 1}
    for name, count in expected.items():
        assert User.objects.filter(groups__name=name).count() == count
    pending = Application.objects.filter(status=Application.Status.IN_REVIEW)
    assert pending.count() == 3 and all(application.workflow_in_progress for application in pending)
