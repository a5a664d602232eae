"""A member proposes a vignette; the anonymisation review publishes it, or asks for changes;
publication is refused while a likely identifying element is open."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources import library as rules
from resources.models import AnonymisationFinding, VignettePage
from tests.resources.fixtures import PDF

PROPOSE = "/reseau/mon-espace/vignettes/proposer/"
SCENARIO = (
    "Mme B., 29 ans, a accouché de son premier enfant il y a trois semaines.\n\n"
    "Elle nous appelle au 06 12 34 56 78 : sa fille Inès ne prend pas le sein et elle se sent dépassée."
)


def proposal(**overrides):
    data = {
        "title": "Un allaitement difficile",
        "period": "postpartum",
        "scenario": SCENARIO,
        "questions": "Qu'auriez-vous proposé ?\nAvec qui auriez-vous travaillé ?",
        "confirm": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def proposed(client, reader, library, editor, django_capture_on_commit_callbacks):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, proposal())
    page = VignettePage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reseau/mon-espace/vignettes/{page.pk}/"
    return page


def workflow_action(client, user, page, action, comment="", capture=None):
    page = VignettePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    with capture(execute=True):
        return client.post(url, {"comment": comment}, headers={"x-requested-with": "XMLHttpRequest"})


def test_a_proposal_is_a_draft_in_review_with_its_findings(proposed, reader, client):
    assert not proposed.live
    assert proposed.current_workflow_state.status == "in_progress"
    assert set(proposed.authors.all()) == {reader}
    found = set(AnonymisationFinding.objects.filter(status="open").values_list("category", "text"))
    assert ("phone", "06 12 34 56 78") in found
    assert ("first_name", "Inès") in found
    # The reviewers (editors) are told by Wagtail's submission notification.
    assert any("editor@" in address for message in mail.outbox for address in message.to)
    # Nobody reads a draft on the site.
    client.force_login(reader)
    assert client.get(f"/reseau/vignettes/{proposed.slug}/").status_code == 404
    # The author sees it, with what was found highlighted.
    body = client.get(f"/reseau/mon-espace/vignettes/{proposed.pk}/").content.decode()
    assert "finding--open" in body and "06 12 34 56 78" in body


def test_the_author_list_shows_state_and_open_findings(proposed, client, reader):
    client.force_login(reader)
    body = client.get("/reseau/mon-espace/vignettes/").content.decode()
    assert "Un allaitement difficile" in body and "En relecture" in body
    assert "<td>2</td>" in body  # two elements to deal with


def test_another_member_cannot_see_someone_elses_proposal(proposed, client):
    from accounts.factories import UserFactory
    from network.factories import current_membership

    other = UserFactory(username="other", groups=["Members"])
    current_membership(other)
    client.force_login(other)
    assert client.get(f"/reseau/mon-espace/vignettes/{proposed.pk}/").status_code == 404
    assert client.get(f"/reseau/mon-espace/vignettes/{proposed.pk}/modifier/").status_code == 404


def test_the_reviewer_sees_both_findings_and_approval_is_not_offered(proposed, client, editor):
    client.force_login(editor)
    body = client.get(reverse("resources_anonymisation_review", args=[proposed.pk])).content.decode()
    assert "06 12 34 56 78" in body and "Inès" in body and "Publication bloquée" in body
    task = proposed.current_workflow_task
    assert [name for name, *_ in task.specific.get_actions(proposed, editor)] == ["reject"]
    # The edit page shows the panel.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[proposed.pk]))
    assert edit.status_code == 200 and "Publication bloquée" in edit.content.decode()


def test_approving_past_an_open_finding_is_refused(proposed, client, editor, django_capture_on_commit_callbacks):
    workflow_action(client, editor, proposed, "approve", capture=django_capture_on_commit_callbacks)
    proposed.refresh_from_db()
    assert not proposed.live
    assert proposed.current_workflow_state.status == "in_progress"


def test_publishing_from_the_editor_is_refused_while_a_finding_is_open(proposed, client, editor):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(editor)
    data = nested_form_data({
        "title": "Un allaitement difficile",
        "slug": proposed.slug,
        "period": "postpartum",
        "scenario": streamfield([("paragraph", SCENARIO)]),
        "questions": streamfield([("question", "Qu'auriez-vous proposé ?")]),
        "attachments": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    })
    response = client.post(reverse("wagtailadmin_pages:edit", args=[proposed.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("resources_anonymisation_review", args=[proposed.pk])
    proposed.refresh_from_db()
    assert not proposed.live


def test_publish_itself_refuses_an_open_finding(proposed):
    with pytest.raises(rules.AnonymisationBlocked):
        proposed.get_latest_revision().publish(skip_permission_checks=True)


def test_changes_requested_then_fixed_then_published(
    proposed, client, reader, editor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    workflow_action(client, editor, proposed, "reject", "Retirez le prénom et le téléphone.",
                    capture=django_capture_on_commit_callbacks)
    proposed.refresh_from_db()
    assert rules.vignette_state(proposed)["status"] == "needs_changes"
    (message,) = [m for m in mail.outbox if reader.email in m.to]
    assert "des modifications sont demandées" in message.subject
    assert "Retirez le prénom et le téléphone." in message.body
    assert f"/reseau/mon-espace/vignettes/{proposed.pk}/" in message.body

    client.force_login(reader)
    page = client.get(f"/reseau/mon-espace/vignettes/{proposed.pk}/").content.decode()
    assert "Retirez le prénom et le téléphone." in page
    fixed = SCENARIO.replace("06 12 34 56 78", "le numéro du service").replace("sa fille Inès", "sa fille")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/reseau/mon-espace/vignettes/{proposed.pk}/modifier/", proposal(scenario=fixed))
    assert response.status_code == 302
    assert not AnonymisationFinding.objects.filter(vignette=proposed).exists()
    proposed.refresh_from_db()
    assert proposed.current_workflow_state.status == "in_progress"

    mail.outbox.clear()
    task = VignettePage.objects.get(pk=proposed.pk).current_workflow_task.specific
    assert "approve" in [name for name, *_ in task.get_actions(proposed, editor)]
    workflow_action(client, editor, proposed, "approve", capture=django_capture_on_commit_callbacks)
    proposed.refresh_from_db()
    assert proposed.live
    assert "06 12 34 56 78" not in rules.scenario_text(proposed)
    (message,) = [m for m in mail.outbox if reader.email in m.to]
    assert "est publiée" in message.subject
    client.force_login(reader)
    assert client.get(proposed.url).status_code == 200


def test_dismissed_findings_let_the_reviewer_publish(proposed, client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    for finding in AnonymisationFinding.objects.filter(vignette=proposed):
        response = client.post(
            reverse("resources_change_finding", args=[proposed.pk, finding.pk]), {"action": "dismiss"}
        )
        assert response.status_code == 302
    assert AnonymisationFinding.objects.filter(vignette=proposed, status="dismissed", dismissed_by=editor).count() == 2
    workflow_action(client, editor, proposed, "approve", capture=django_capture_on_commit_callbacks)
    proposed.refresh_from_db()
    assert proposed.live


def test_a_dismissed_finding_can_be_reopened(proposed, client, editor):
    finding = AnonymisationFinding.objects.filter(vignette=proposed).first()
    rules.dismiss(finding, editor)
    client.force_login(editor)
    client.post(reverse("resources_change_finding", args=[proposed.pk, finding.pk]), {"action": "reopen"})
    finding.refresh_from_db()
    assert finding.status == "open" and finding.dismissed_by is None


def test_only_those_who_can_edit_the_vignette_use_the_review_screen(proposed, client, reader, commission_member):
    url = reverse("resources_anonymisation_review", args=[proposed.pk])
    for user in (reader, commission_member):
        client.force_login(user)
        assert client.get(url).status_code in (302, 403)
    finding = AnonymisationFinding.objects.filter(vignette=proposed).first()
    client.force_login(commission_member)
    client.post(reverse("resources_change_finding", args=[proposed.pk, finding.pk]), {"action": "dismiss"})
    finding.refresh_from_db()
    assert finding.status == "open"


def test_nobody_approves_a_vignette_they_wrote(library, editor, client, django_capture_on_commit_callbacks):
    from network.factories import current_membership

    current_membership(editor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROPOSE, proposal(scenario="Mme B. se sent seule.", title="Seule"))
    page = VignettePage.objects.get()
    assert page.current_workflow_task.specific.get_actions(page, editor) == []


def test_a_form_error_keeps_what_was_typed_and_creates_nothing(client, reader, library):
    client.force_login(reader)
    response = client.post(PROPOSE, proposal(questions="  ", confirm=""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirmez que le texte est anonymisé." in body and "Champ requis." in body
    assert "sa fille Inès ne prend pas le sein" in body
    assert not VignettePage.objects.exists()


def test_attachments_are_checked_and_kept_private(client, reader, library, django_capture_on_commit_callbacks):
    client.force_login(reader)
    fake = SimpleUploadedFile("notes.pdf", b"just text, not a pdf", content_type="application/pdf")
    response = client.post(PROPOSE, {**proposal(), "attachment": fake})
    assert "Le fichier doit être un PDF" in response.content.decode()
    assert not VignettePage.objects.exists()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    assert "Le fichier dépasse 5 Mo." in client.post(PROPOSE, {**proposal(), "attachment": big}).content.decode()

    named = SimpleUploadedFile("Dupont Ines.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROPOSE, {**proposal(), "attachment": named})
    page = VignettePage.objects.get()
    document = page.attachments[0].value
    assert rules.in_private_collection(document)
    assert "Dupont" not in document.file.name and "Dupont" not in document.title


def test_a_lapsed_member_cannot_propose(client, lapsed, library):
    client.force_login(lapsed)
    assert client.post(PROPOSE, proposal()).status_code == 403
    assert not VignettePage.objects.exists()


def test_structures_from_the_editable_list_and_partner_directory_are_flagged(library):
    from network.models import PartnerStructure
    from resources.models import IdentifyingTerm

    IdentifyingTerm.objects.get_or_create(name="CHU Purpan")  # also seeded by the content build
    PartnerStructure.objects.create(name="Maison des Tilleuls", kind="laep", commune="Toulouse", postcode="31000")
    page = VignettePage(title="T", period="birth",
                        scenario=[("paragraph", "Née au chu purpan, suivie ensuite à la maison des tilleuls.")],
                        questions=[("question", "Q ?")])
    found = {match.text.lower() for field, match in rules.scan_fields(rules.text_fields(page))
             if match.category == "structure"}
    assert found == {"chu purpan", "maison des tilleuls"}


# --- Every way of publishing keeps to the rule ------------------------------------------

def test_api_v3_publish_is_refused_while_a_finding_is_open(proposed, client, editor):
    from wagtail.models import APIToken

    _token, plaintext = APIToken.create_token(user=editor, name="test")
    response = client.post(f"/api/v3/pages/{proposed.pk}/actions/publish/",
                           headers={"Authorization": f"Bearer {plaintext}"}, content_type="application/json")
    assert response.status_code in (400, 403)
    proposed.refresh_from_db()
    assert not proposed.live


def test_bulk_publishing_vignettes_is_refused(proposed, client, editor, library):
    client.force_login(editor)
    for ids in ([proposed.pk], [library.pk]):
        url = "/admin/bulk/wagtailcore/page/publish/?" + "&".join(f"id={pk}" for pk in ids)
        response = client.post(url, {"include_descendants": "on"})
        assert response.status_code == 302
    proposed.refresh_from_db()
    assert not proposed.live


def test_scheduled_publishing_skips_a_blocked_vignette(proposed):
    import datetime

    from django.utils import timezone

    revision = proposed.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    assert revision.publish(skip_permission_checks=True) is None
    revision.refresh_from_db()
    proposed.refresh_from_db()
    assert revision.approved_go_live_at is None and not proposed.live


def test_an_author_who_is_an_editor_neither_dismisses_nor_publishes(
    client, editor, library, django_capture_on_commit_callbacks
):
    from network.factories import current_membership
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    current_membership(editor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROPOSE, proposal(title="Seule"))
    page = VignettePage.objects.get()
    finding = AnonymisationFinding.objects.filter(vignette=page).first()
    client.post(reverse("resources_change_finding", args=[page.pk, finding.pk]), {"action": "dismiss"})
    finding.refresh_from_db()
    assert finding.status == "open"  # refused (the admin turns PermissionDenied into a redirect)
    rules.dismiss(finding, editor)  # even with nothing open, an author does not publish
    for other in AnonymisationFinding.objects.filter(vignette=page):
        rules.dismiss(other, editor)
    data = nested_form_data({
        "title": "Seule", "period": "postpartum",
        "scenario": streamfield([("paragraph", SCENARIO)]),
        "questions": streamfield([("question", "Q ?")]),
        "attachments": streamfield([]), "comments": inline_formset([]), "action-publish": "action-publish",
    })
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live


# --- The review follows what the author last wrote --------------------------------------

def test_a_place_added_to_the_list_later_is_found_and_can_be_dismissed(proposed, client, editor):
    from resources.models import IdentifyingTerm

    rules.open_matches(proposed)
    for finding in AnonymisationFinding.objects.filter(vignette=proposed):
        rules.dismiss(finding, editor)
    IdentifyingTerm.objects.create(name="dépassée")  # a word of the scenario, for the test
    client.force_login(editor)
    body = client.get(reverse("resources_anonymisation_review", args=[proposed.pk])).content.decode()
    assert "Publication bloquée" in body
    finding = AnonymisationFinding.objects.get(vignette=proposed, status="open")
    assert finding.category == "structure"
    client.post(reverse("resources_change_finding", args=[proposed.pk, finding.pk]), {"action": "dismiss"})
    assert rules.open_matches(proposed) == []


def test_an_author_edit_during_the_review_starts_it_again(proposed, client, reader, editor,
                                                         django_capture_on_commit_callbacks):
    first = proposed.current_workflow_task_state
    client.force_login(reader)
    fixed = "Mme B. se sent dépassée. Elle vit désormais chez Mme Durand-Castagnac."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reseau/mon-espace/vignettes/{proposed.pk}/modifier/", proposal(scenario=fixed))
    page = VignettePage.objects.get(pk=proposed.pk)
    state = page.current_workflow_task_state
    assert state.pk != first.pk and state.revision_id == page.latest_revision_id
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_a_title_with_a_name_leaves_no_trace_in_the_address_or_attachment(
    client, reader, library, editor, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    named = SimpleUploadedFile("notes.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROPOSE, {**proposal(title="Inès, née le 14 mars au CHU Purpan"), "attachment": named})
    page = VignettePage.objects.get()
    assert page.slug.startswith("vignette-") and "ines" not in page.url
    assert page.attachments[0].value.title == "Pièce jointe"
    # Renamed by the author: the e-mails use the new title.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reseau/mon-espace/vignettes/{page.pk}/modifier/",
                    proposal(title="Un allaitement difficile", scenario="Mme B. se sent seule."))
    mail.outbox.clear()
    for finding in AnonymisationFinding.objects.filter(vignette=page):
        rules.dismiss(finding, editor)
    workflow_action(client, editor, page, "approve", capture=django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if reader.email in m.to]
    assert "Un allaitement difficile" in message.subject and "Inès" not in message.subject


def test_a_vignette_is_not_copied(client, editor, vignette):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:copy", args=[vignette.pk]), {
        "new_title": "Copie", "new_slug": "copie", "new_parent_page": vignette.get_parent().pk, "publish_copies": "on",
    })
    assert response.status_code == 302
    assert VignettePage.objects.count() == 1
