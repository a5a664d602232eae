"""The commission's collective review, as a Wagtail workflow task.

Stock Wagtail's group approval completes on the first approval. Here each commission member
votes (for, against, abstain) with a comment; the task decides with network.voting.decide.
"""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from accounts.models import User
from network.models.applications import CRITERIA_SHORT
from network.voting import APPROVE, REJECT, Tally, decide

CRITERION_CHOICES = CRITERIA_SHORT

VOTE_FOR = "vote_for"
VOTE_AGAINST = "vote_against"
ABSTAIN = "abstain"
REQUEST_CHANGES = "request_changes"


class Vote(models.Model):
    """One commission member's vote on one review of an application. Visible to the
    commission only."""

    class Choice(models.TextChoices):
        FOR = "for", _("pour")
        AGAINST = "against", _("contre")
        ABSTAIN = "abstain", _("abstention")

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="commission_votes")
    voter = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="commission_votes")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("vote de la commission")
        verbose_name_plural = _("votes de la commission")
        constraints = [models.UniqueConstraint(fields=["task_state", "voter"], name="one_vote_per_member")]

    def __str__(self):
        return f"{self.voter} : {self.get_choice_display()}"


class VoteForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire (motivez votre vote au regard des quatre critères)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class ReasonRequiredForm(VoteForm):
    comment = forms.CharField(
        label=_("Motif (obligatoire ; il est communiqué à la personne candidate)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=True,
    )


class CriterionAssessment(models.Model):
    """A commission member's reading of one of the four admission criteria, given with a
    vote. Advisory: the decision rule counts the overall votes only."""

    class Level(models.TextChoices):
        MEETS = "meets", _("y répond")
        PARTLY = "partly", _("y répond en partie")
        DOES_NOT = "does_not", _("n'y répond pas")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.CharField(_("critère"), max_length=30, choices=CRITERION_CHOICES)
    level = models.CharField(_("appréciation"), max_length=10, choices=Level.choices)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["vote", "criterion"]
        verbose_name = _("appréciation d'un critère")
        verbose_name_plural = _("appréciations des critères")
        constraints = [models.UniqueConstraint(fields=["vote", "criterion"], name="one_assessment_per_criterion")]

    def __str__(self):
        return f"{self.get_criterion_display()} : {self.get_level_display()}"


ACTION_CHOICES = {VOTE_FOR: Vote.Choice.FOR, VOTE_AGAINST: Vote.Choice.AGAINST, ABSTAIN: Vote.Choice.ABSTAIN}


class CommissionVoteTask(AbstractGroupApprovalTask):
    """A collective decision: every member of the chosen groups votes once; the task is
    approved or rejected by the rule in network.voting."""

    min_voters = models.PositiveSmallIntegerField(
        _("nombre minimum de votant·es"),
        default=3,
        help_text=_("La candidature est acceptée quand au moins ce nombre de membres a voté et que les votes "
                    "pour sont plus nombreux que les votes contre."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["min_voters"]

    class Meta:
        verbose_name = _("vote de la commission")
        verbose_name_plural = _("votes de la commission")

    @classmethod
    def get_description(cls):
        return _("Chaque membre des groupes choisis vote ; la décision est collective.")

    # --- who may vote ---------------------------------------------------------
    def is_own_application(self, obj, user):
        email = getattr(obj, "email", "")
        return bool(email) and email.strip().lower() == (user.email or "").strip().lower()

    def may_vote(self, obj, user):
        if not user.is_authenticated or not user.is_active:
            return False
        if not (user.is_superuser or self._user_in_groups(user)):
            return False
        return not self.is_own_application(obj, user)

    def eligible_voters(self, obj, task_state):
        """Everyone who may vote on this review: the active members of the task's groups
        (less the applicant), and anyone who has already voted (a superuser, say)."""

        members = User.objects.filter(is_active=True, groups__in=self.groups.all()).distinct()
        eligible = {user.pk for user in members if not self.is_own_application(obj, user)}
        eligible |= set(Vote.objects.filter(task_state=task_state).values_list("voter_id", flat=True))
        return eligible

    def get_actions(self, obj, user):
        if not self.may_vote(obj, user):
            return []
        task_state = obj.current_workflow_task_state if hasattr(obj, "current_workflow_task_state") else None
        if task_state is not None and Vote.objects.filter(task_state=task_state, voter=user).exists():
            return []
        return [
            (VOTE_FOR, _("Voter pour"), True),
            (VOTE_AGAINST, _("Voter contre"), True),
            (ABSTAIN, _("M'abstenir"), True),
            (REQUEST_CHANGES, _("Demander des modifications"), True),
        ]

    def get_form_for_action(self, action):
        if action in (VOTE_AGAINST, REQUEST_CHANGES):
            return ReasonRequiredForm
        return VoteForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from network.models import Application

        states = super().get_task_states_user_can_moderate(user, **kwargs)
        own = Application.objects.filter(email__iexact=user.email).values_list("pk", flat=True) if user.email else []
        return states.exclude(commission_votes__voter=user).exclude(
            workflow_state__object_id__in=[str(pk) for pk in own]
        )

    def user_can_access_editor(self, obj, user):
        return self.may_vote(obj, user) or user.is_superuser

    # --- a vote ---------------------------------------------------------------
    def on_action(self, task_state, user, action_name, **kwargs):
        """Record the vote (with its per-criterion `assessments`, {criterion: (level,
        comment)}, when the review page gives them), then move the workflow when the rule
        decides. Returns None: Wagtail's admin treats any other return value as a URL to
        redirect to."""
        # The editor page passes the dialog's data without running its form: check it here.
        comment = kwargs.get("comment")
        comment = comment.strip() if isinstance(comment, str) else ""
        if action_name in (VOTE_AGAINST, REQUEST_CHANGES) and not comment:
            return None  # a reason is required
        obj = task_state.workflow_state.content_object
        if not self.may_vote(obj, user):
            return None
        with transaction.atomic():
            # Lock the review so two simultaneous votes are counted one after the other.
            task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
            if task_state.status != TaskState.STATUS_IN_PROGRESS:
                return None  # already decided
            if action_name == REQUEST_CHANGES:
                from network.review import request_changes

                request_changes(task_state, user, comment)
                return None
            choice = ACTION_CHOICES.get(action_name)
            if choice is None:
                return None
            vote, created = Vote.objects.get_or_create(
                task_state=task_state, voter=user, defaults={"choice": choice, "comment": comment}
            )
            if not created:
                return None  # one vote per member: a second submission counts once
            known = dict(CRITERION_CHOICES)
            CriterionAssessment.objects.bulk_create(
                CriterionAssessment(vote=vote, criterion=criterion, level=level, comment=(note or "").strip())
                for criterion, (level, note) in (kwargs.get("assessments") or {}).items()
                if criterion in known and level in CriterionAssessment.Level.values
            )
            from network.review import log_vote

            log_vote(obj, vote)
            outcome = decide(self.tally(task_state), len(self.eligible_voters(obj, task_state)), self.min_voters)
            if outcome == APPROVE:
                task_state.approve(user=user, comment=comment)
            elif outcome == REJECT:
                from network.review import reasons_against, reject

                reason = reasons_against(task_state)
                task_state.reject(user=user, comment=reason)
                # A vote rejection is final: close the review (Wagtail would wait for changes).
                task_state.workflow_state.cancel(user=user)
                reject(obj, reason)
        return None

    def tally(self, task_state):
        counts = {choice: 0 for choice in Vote.Choice.values}
        for choice in Vote.objects.filter(task_state=task_state).values_list("choice", flat=True):
            counts[choice] += 1
        return Tally(counts[Vote.Choice.FOR], counts[Vote.Choice.AGAINST], counts[Vote.Choice.ABSTAIN])
