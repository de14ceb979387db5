from django import forms

from careermap.frameworks.models import Skill

from .models import Step


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
    version = forms.IntegerField(widget=forms.HiddenInput)


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


class StepForm(forms.Form):
    what = forms.CharField(max_length=300, label="Step")
    owner = forms.ChoiceField(label="Who", required=False)
    due_on = forms.DateField(
        required=False, label="By", widget=forms.DateInput(attrs={"type": "date"})
    )
    support = forms.CharField(max_length=300, required=False, label="Support")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["owner"].choices = [(k, p.name) for k, p in self.people.items()]

    def clean_owner(self):
        return self.people.get(self.cleaned_data["owner"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Step.STATUSES)
    roadblock = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reflection = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
