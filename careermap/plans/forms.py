from django import forms
from django.db.models import Q

from careermap.frameworks.models import Role, Skill
from careermap.opportunities.models import Opportunity

from . import services
from .models import ObjectiveProgress, Plan, Step


class StartForm(forms.Form):
    goal = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Long-term goal",
        help_text="In your own words, e.g. “lead a team that builds our platform”.",
    )


class GrowForm(forms.Form):
    goal = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Goal")
    reality = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    options = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    this_week = forms.CharField(
        required=False, label="Way forward: this week", widget=forms.Textarea(attrs={"rows": 2})
    )
    this_month = forms.CharField(
        required=False, label="Way forward: this month", widget=forms.Textarea(attrs={"rows": 2})
    )
    likelihood = forms.CharField(
        required=False,
        label="How likely, and if it does not work",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    support = forms.CharField(
        required=False, label="Support agreed", widget=forms.Textarea(attrs={"rows": 2})
    )
    hours_agreed = forms.IntegerField(
        required=False, min_value=0, max_value=40, label="Hours a week agreed for development"
    )
    check_in_weeks = forms.TypedChoiceField(
        choices=Plan.CADENCES, coerce=int, label="Check in", initial=4
    )
    target_roles = forms.ModelMultipleChoiceField(
        queryset=Role.objects.filter(retired=False).select_related("track", "level"),
        required=False,
        label="Target roles",
        help_text="Roles in the framework the goal leads to (optional; Ctrl or ⌘ picks several).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _labelled(opportunity) -> str:
    hours = f", {opportunity.hours_per_week} h a week" if opportunity.hours_per_week else ""
    return f"{opportunity.title} ({opportunity.get_kind_display().lower()}{hours})"


class OpportunityChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return _labelled(obj)


class ObjectiveForm(forms.Form):
    title = forms.CharField(max_length=200, label="Objective")
    measure = forms.CharField(max_length=300, required=False, label="How you will know")
    due_on = forms.DateField(
        required=False, label="By", widget=forms.DateInput(attrs={"type": "date"})
    )
    hours_per_week = forms.IntegerField(
        required=False, min_value=0, max_value=40, label="Hours a week"
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.filter(retired=False), required=False, label="Skills it works on"
    )
    opportunities = OpportunityChoice(
        # Open ones only, which everyone may see (careermap/access.py).
        queryset=Opportunity.objects.filter(status=Opportunity.OPEN).order_by("title"),
        required=False,
        label="Opportunities that serve it",
        help_text="A project, mentoring, a course… from the organisation's offer (optional; "
        "Ctrl or ⌘ picks several). Their hours a week count against the time agreed.",
    )


class LinkOpportunityForm(forms.Form):
    opportunity = forms.ModelChoiceField(
        queryset=Opportunity.objects.none(),
        label="All open opportunities",
        empty_label="Choose one",
        error_messages={"invalid_choice": "That one is closed or already linked."},
    )

    def __init__(self, *args, objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = (
            Opportunity.objects.filter(status=Opportunity.OPEN)
            .exclude(pk__in=objective.opportunities.values("pk"))
            .order_by("title")
        )
        self.fields["opportunity"].label_from_instance = _labelled


class StepForm(forms.Form):
    what = forms.CharField(max_length=300, label="Step")
    owner = forms.ChoiceField(label="Who", required=False)
    due_on = forms.DateField(
        required=False, label="By", widget=forms.DateInput(attrs={"type": "date"})
    )
    support = forms.CharField(max_length=300, required=False, label="Support")

    owner_name = forms.CharField(
        max_length=120,
        required=False,
        label="Someone else",
        help_text="A mentor, a trainer, another team: their name.",
    )

    field_order = ["what", "owner", "owner_name", "due_on", "support"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["owner"].choices = [(k, p.name) for k, p in self.people.items()] + [
            ("", "Someone else (name below)")
        ]

    def clean_owner(self):
        return self.people.get(self.cleaned_data["owner"])

    def clean(self):
        data = super().clean()
        if data.get("owner") is None and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", "Name who will do it, or choose someone above.")
        if data.get("owner") is not None:
            data["owner_name"] = ""
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Step.STATUSES)
    roadblock = forms.CharField(
        required=False,
        label="Roadblock (if blocked)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        required=False,
        label="Evidence (when done)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reflection = forms.CharField(
        required=False,
        label="Reflection",
        help_text="What you learned, what you would do differently.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        # The same rules as services.set_step_status, said next to the field they concern.
        data = super().clean()
        status = data.get("status")
        if status == Step.BLOCKED and not (data.get("roadblock") or "").strip():
            self.add_error("roadblock", services.NEEDS_ROADBLOCK)
        if status == Step.DONE and not (data.get("evidence") or "").strip():
            self.add_error("evidence", services.NEEDS_EVIDENCE)
        return data


class CheckInForm(forms.Form):
    """A check-in: one progress field pair per objective, built from the plan."""

    held_on = forms.DateField(label="Held on", widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(
        required=False,
        label="What moved, in a few lines",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    roadblocks = forms.CharField(
        required=False,
        label="Roadblocks, and who will help clear them",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal = forms.CharField(
        label="Long-term goal",
        help_text="Change it only if the goal itself has moved.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal_change = forms.CharField(
        required=False,
        label="Why the goal changed",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_on = forms.DateField(
        required=False,
        label="Next check-in",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    next_at = forms.TimeField(
        required=False,
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Both get a calendar invite.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives = list(objectives)
        for objective in self.objectives:
            self.fields[f"status_{objective.pk}"] = forms.ChoiceField(
                choices=ObjectiveProgress.STATUSES, label=objective.title, initial="on_track"
            )
            self.fields[f"note_{objective.pk}"] = forms.CharField(
                required=False, label="Progress", widget=forms.Textarea(attrs={"rows": 2})
            )

    GENERAL = ["held_on", "summary", "roadblocks", "goal", "goal_change", "next_on", "next_at"]

    def progress_rows(self):
        """Each objective with its two fields and the status chosen, for the template."""
        rows = []
        for o in self.objectives:
            status, note = self[f"status_{o.pk}"], self[f"note_{o.pk}"]
            rows.append((o, status, note, status.value()))
        return rows

    def general_fields(self):
        """The check-in's own fields: not the per-objective ones, not the hidden version."""
        return [self[name] for name in self.GENERAL]

    def clean(self):
        data = super().clean()
        goal, why = (data.get("goal") or "").strip(), (data.get("goal_change") or "").strip()
        if goal and goal != (self.initial.get("goal") or "").strip() and not why:
            self.add_error("goal_change", "Say in a line why the goal changed: it is kept.")
        held, nxt = data.get("held_on"), data.get("next_on")
        if held and nxt and nxt <= held:
            self.add_error("next_on", "The next check-in comes after this one.")
        if data.get("next_at") and not nxt:
            self.add_error("next_on", "Choose the day as well as the time.")
        return data

    def progress(self) -> dict[int, tuple[str, str]]:
        return {
            o.pk: (self.cleaned_data[f"status_{o.pk}"], self.cleaned_data[f"note_{o.pk}"])
            for o in self.objectives
        }


class ObjectiveEditForm(ObjectiveForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, objective, **kwargs):
        super().__init__(*args, **kwargs)
        # Ones already linked stay choosable once closed; new links must be open.
        self.fields["opportunities"].queryset = Opportunity.objects.filter(
            Q(status=Opportunity.OPEN) | Q(pk__in=objective.opportunities.values("pk"))
        ).order_by("title")


class StepEditForm(StepForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
