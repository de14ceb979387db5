import datetime as dt

from django import forms
from django.utils import timezone

from careermap.people.models import Person

from . import scenarios
from .feedback import STAGES
from .models import PairPractice
from .services import CHECKLIST, LINE_LIMIT


class LineForm(forms.Form):
    text = forms.CharField(
        label="What would you say?",
        max_length=LINE_LIMIT,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        error_messages={
            "required": "Write what you would say first.",
            "max_length": f"Keep a turn under {LINE_LIMIT:,} characters, as you would speaking.",
        },
    )


class PairForm(forms.Form):
    partner = forms.EmailField(
        label="Your colleague's e-mail address",
        help_text="A fellow manager, or a coach.",
    )
    scenario = forms.ChoiceField(label="Scenario")
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    leader = forms.ChoiceField(
        label="Who leads the conversation",
        choices=[
            (PairPractice.ORGANISER, "I lead; my colleague plays the team member"),
            (PairPractice.PARTNER, "My colleague leads; I play the team member"),
        ],
        widget=forms.RadioSelect,
        initial=PairPractice.ORGANISER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .queries import available_scenarios

        self.fields["scenario"].choices = [(s.key, s.title) for s in available_scenarios().values()]

    def clean_partner(self) -> Person:
        email = self.cleaned_data["partner"].strip().lower()
        person = Person.objects.filter(email=email, erased_at__isnull=True).first()
        if person is None:
            raise forms.ValidationError("Nobody in Careermap has this e-mail address.")
        return person

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        return data


TALK = [
    ("listened", "They listened more than they talked"),
    ("even", "About even"),
    ("talked", "They talked more than they listened"),
]
QUESTIONS = [
    ("open", "Mostly open questions"),
    ("mixed", "A mix of open and closed"),
    ("closed", "Mostly closed or leading questions"),
]


class PairFeedbackForm(forms.Form):
    """The observer's checklist and the feedback form: the parts of the automatic feedback,
    filled in by the colleague who played the team member."""

    questions = forms.ChoiceField(
        label="Their questions", choices=QUESTIONS, widget=forms.RadioSelect, required=False
    )
    topics = forms.MultipleChoiceField(
        label="Topics they covered",
        choices=list(scenarios.TOPIC_NAMES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    facts = forms.MultipleChoiceField(
        label="What they found out (you shared it because they asked well)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    grow = forms.MultipleChoiceField(
        label="GROW stages they reached",
        choices=list(STAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    talk = forms.ChoiceField(
        label="Talking and listening", choices=TALK, widget=forms.RadioSelect, required=False
    )
    checklist = forms.MultipleChoiceField(
        label="Observer's checklist",
        choices=list(CHECKLIST.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, scenario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facts"].choices = [(f.key, f.text) for f in scenario.facts]
        if not scenario.grow:
            del self.fields["grow"]
        for n in (1, 2, 3):
            self.fields[f"said_{n}"] = forms.CharField(
                label=f"Suggestion {n}: something they said",
                max_length=LINE_LIMIT,
                required=False,
            )
            self.fields[f"better_{n}"] = forms.CharField(
                label=f"Suggestion {n}: a better question to ask instead",
                max_length=LINE_LIMIT,
                required=False,
            )

    def feedback(self) -> dict:
        data = self.cleaned_data
        return {
            "questions": data.get("questions", ""),
            "topics": data.get("topics", []),
            "facts": data.get("facts", []),
            "grow": data.get("grow", []),
            "talk": data.get("talk", ""),
            "suggestions": [
                {"quote": data[f"said_{n}"], "better": data[f"better_{n}"]}
                for n in (1, 2, 3)
                if data[f"said_{n}"] or data[f"better_{n}"]
            ],
        }


class CustomScenarioForm(forms.Form):
    """Copy a scenario (or a lesson), or edit a copy: its text, checked like the built-in
    ones."""

    key = forms.RegexField(
        regex=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=80,
        label="Id",
        help_text="Lowercase letters, digits and hyphens, e.g. aspirations-and-workload-sales.",
        error_messages={"invalid": "Use lowercase letters, digits and hyphens."},
    )
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
        label="Scenario (YAML)",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing=None, taken=(), source_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if source_label:
            self.fields["source"].label = source_label
        self.editing = editing
        self.taken = set(taken)
        if editing is not None:
            self.fields["key"].disabled = True

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.editing is None and key in self.taken:
            raise forms.ValidationError("This id is taken already.")
        return key
