"""The commission's page for one application: everything to read, and the vote.

It is the applications' inspect view (the listing's and the dashboard's links lead here):
identity, practice, the four criteria with the applicant's answers, documents, the charter
version accepted, the meetings it is on, its history, the votes and comments so far with a
per-criterion summary, and, for a member who may still vote, a per-criterion assessment and
the vote buttons as the page's main actions. The vote goes through the workflow task
(network.models.commission.CommissionVoteTask.on_action), like the dashboard's dialog.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState

from network.admin_views import ApplicationInspectView, not_own
from network.models import Application, CommissionVoteTask, CriterionAssessment, Vote
from network.models.applications import CRITERIA, CRITERIA_SHORT
from network.models.commission import ABSTAIN, REQUEST_CHANGES, VOTE_AGAINST, VOTE_FOR
from network.voting import APPROVE, REJECT, decide, summarise_criteria

VOTE_ACTIONS = [
    (VOTE_FOR, gettext_lazy("Voter pour")),
    (VOTE_AGAINST, gettext_lazy("Voter contre")),
    (ABSTAIN, gettext_lazy("M'abstenir")),
    (REQUEST_CHANGES, gettext_lazy("Demander des modifications")),
]
# Votes that say something about the criteria must assess each of them.
ASSESSING_ACTIONS = {VOTE_FOR, VOTE_AGAINST}
REASONED_ACTIONS = {VOTE_AGAINST, REQUEST_CHANGES}
CHOICE_OF_ACTION = {VOTE_FOR: Vote.Choice.FOR, VOTE_AGAINST: Vote.Choice.AGAINST, ABSTAIN: Vote.Choice.ABSTAIN}


class ReviewForm(forms.Form):
    """The per-criterion assessment, the overall reason and the chosen vote (the button)."""

    action = forms.ChoiceField(choices=VOTE_ACTIONS, error_messages={
        "required": gettext_lazy("Choisissez votre vote avec l'un des boutons."),
        "invalid_choice": gettext_lazy("Choisissez votre vote avec l'un des boutons."),
    })
    comment = forms.CharField(
        label=gettext_lazy("Votre avis d'ensemble"),
        help_text=gettext_lazy("Obligatoire pour un vote contre ou une demande de modifications : "
                               "il est communiqué à la personne candidate."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion, label in CRITERIA_SHORT:
            self.fields[f"{criterion}_level"] = forms.ChoiceField(
                label=label, choices=CriterionAssessment.Level.choices, widget=forms.RadioSelect, required=False,
            )
            self.fields[f"{criterion}_comment"] = forms.CharField(
                label=_("Commentaire sur ce critère (facultatif)"), widget=forms.Textarea(attrs={"rows": 2}),
                required=False, max_length=2000,
            )

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action in ASSESSING_ACTIONS:
            for criterion, _label in CRITERIA_SHORT:
                if not data.get(f"{criterion}_level"):
                    self.add_error(f"{criterion}_level", _("Indiquez si la candidature répond à ce critère."))
        if action in REASONED_ACTIONS and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Indiquez le motif : il est communiqué à la personne candidate."))
        return data

    def assessments(self):
        return {
            criterion: (self.cleaned_data[f"{criterion}_level"], self.cleaned_data[f"{criterion}_comment"])
            for criterion, _label in CRITERIA_SHORT
            if self.cleaned_data.get(f"{criterion}_level")
        }

    def criterion_fields(self):
        return {criterion: (self[f"{criterion}_level"], self[f"{criterion}_comment"]) for criterion, _ in CRITERIA_SHORT}


def progress_sentence(tally, min_voters, eligible):
    """Where the vote stands, for the commission: "2 votes sur 3 nécessaires", and what the
    rule waits for."""
    needed = max(1, min_voters)
    cast = ngettext("%(cast)s vote sur %(needed)s nécessaires", "%(cast)s votes sur %(needed)s nécessaires",
                    tally.voters) % {"cast": tally.voters, "needed": needed}
    if tally.voters < needed:
        return _("%(cast)s : la décision sera prise quand au moins %(needed)s membres auront voté, "
                 "si les votes pour l'emportent sur les votes contre.") % {"cast": cast, "needed": needed}
    remaining = max(0, eligible - tally.voters)
    return ngettext(
        "%(cast)s : les votes pour ne l'emportent pas encore ; %(remaining)s membre peut encore voter.",
        "%(cast)s : les votes pour ne l'emportent pas encore ; %(remaining)s membres peuvent encore voter.",
        remaining,
    ) % {"cast": cast, "remaining": remaining}


class ApplicationReviewView(ApplicationInspectView):
    template_name = "network/admin/application_review.html"
    page_title = gettext_lazy("Examen de la candidature")
    header_icon = "form"

    @cached_property
    def task_state(self):
        """The review in progress, or None once decided."""
        state = self.object.current_workflow_task_state
        if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        return state

    @cached_property
    def task(self):
        if self.task_state is None:
            return None
        task = self.task_state.task.specific
        return task if isinstance(task, CommissionVoteTask) else None

    @cached_property
    def own_vote(self):
        if self.task_state is None:
            return None
        return Vote.objects.filter(task_state=self.task_state, voter=self.request.user).first()

    def can_vote(self):
        return self.task is not None and self.own_vote is None and self.task.may_vote(self.object, self.request.user)

    def post(self, request, *args, **kwargs):
        if not self.can_vote():
            messages.error(request, _("Vous ne pouvez plus voter sur cette candidature."))
            return redirect(request.path)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Votre vote n'est pas enregistré : corrigez ce qui est indiqué ci-dessous."))
            return self.render_to_response(self.get_context_data(form=form))
        action = form.cleaned_data["action"]
        comment = form.cleaned_data["comment"].strip()
        task_state = self.task_state
        self.task.on_action(task_state, request.user, action, comment=comment, assessments=form.assessments())
        self.object.refresh_from_db()
        # on_action records nothing, silently, when the review ended meanwhile (the last vote
        # or a decision in session came first): say so rather than confirm.
        if action == REQUEST_CHANGES:
            recorded = self.object.status == Application.Status.CHANGES_REQUESTED
        else:
            recorded = Vote.objects.filter(task_state=task_state, voter=request.user).exists()
        if not recorded:
            messages.error(request, _("Votre vote n'a pas été enregistré : la candidature a été décidée entre-temps."))
            return redirect(request.path)
        messages.success(request, self.confirmation(action))
        return redirect(request.path)

    def confirmation(self, action):
        """What the member did, and what happens next."""
        application = self.object
        if action == REQUEST_CHANGES:
            return _("Votre demande de modifications est envoyée. %(name)s reçoit par e-mail votre motif et un lien "
                     "pour modifier sa candidature ; l'examen reprendra quand la candidature sera renvoyée.") % {
                "name": application.full_name}
        choice = CHOICE_OF_ACTION[action]
        vote_line = _("Votre vote « %(choice)s » est enregistré.") % {"choice": choice.label}
        if application.status == Application.Status.ACCEPTED:
            return _("%(vote)s La candidature est acceptée : %(name)s reçoit un e-mail de bienvenue pour créer son "
                     "mot de passe, et sa fiche est publiée dans l'annuaire.") % {
                "vote": vote_line, "name": application.full_name}
        if application.status == Application.Status.REJECTED:
            return _("%(vote)s La candidature est refusée : %(name)s reçoit un e-mail avec les motifs des votes "
                     "contre.") % {"vote": vote_line, "name": application.full_name}
        task_state = application.current_workflow_task_state
        if task_state is None or application.status != Application.Status.IN_REVIEW:
            return vote_line
        task = task_state.task.specific
        tally = task.tally(task_state)
        return f"{vote_line} {progress_sentence(tally, task.min_voters, len(task.eligible_voters(application, task_state)))}"

    def next_application(self):
        """The next application awaiting this member's vote, to go on from here."""
        user = self.request.user
        candidates = not_own(Application.objects.filter(status=Application.Status.IN_REVIEW), user).exclude(
            pk=self.object.pk).order_by("submitted_at")
        for application in candidates[:50]:
            state = application.current_workflow_task_state
            if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
                continue
            task = state.task.specific
            if not isinstance(task, CommissionVoteTask) or not task.may_vote(application, user):
                continue
            if not Vote.objects.filter(task_state=state, voter=user).exists():
                return application
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        votes = list(application.commission_votes().prefetch_related("assessments"))
        current = [vote for vote in votes if self.task_state and vote.task_state_id == self.task_state.pk]
        earlier = [vote for vote in votes if vote not in current]
        summary = {
            item.criterion: item
            for item in summarise_criteria(
                [name for name, _label in CRITERIA_SHORT],
                [(a.criterion, a.level, a.comment) for vote in current for a in vote.assessments.all()],
            )
        }
        form = kwargs.get("form") or (ReviewForm() if self.can_vote() else None)
        short = dict(CRITERIA_SHORT)
        criteria = [
            {
                "name": name,
                "short": short[name],
                "text": text,
                "answer": getattr(application, name),
                "summary": summary[name],
                "fields": form.criterion_fields()[name] if form else None,
            }
            for name, text in CRITERIA
        ]
        progress = outcome = None
        if self.task is not None:
            tally = self.task.tally(self.task_state)
            eligible = len(self.task.eligible_voters(application, self.task_state))
            progress = {
                "tally": tally,
                "needed": max(1, self.task.min_voters),
                "sentence": progress_sentence(tally, self.task.min_voters, eligible),
            }
            outcome = decide(tally, eligible, self.task.min_voters)
        context.update({
            "application": application,
            "registration_label": application.profession.registration_label,
            "criteria": criteria,
            "documents": application.documents.all(),
            "meetings": application.meetings.order_by("date"),
            "history": log_registry.get_logs_for_instance(application).select_related("user").order_by("timestamp"),
            "current_votes": current,
            "earlier_votes": earlier,
            "progress": progress,
            "outcome_reached": outcome in (APPROVE, REJECT),
            "own_vote": self.own_vote,
            "form": form,
            "actions": VOTE_ACTIONS,
            "is_own": self.task is not None and self.task.is_own_application(application, self.request.user),
            "next_application": self.next_application(),
            "review_url_name": "wagtailsnippets_network_application:inspect",
            "index_url": reverse("wagtailsnippets_network_application:list"),
        })
        return context
