import datetime as dt

from django import forms
from django.utils import timezone

from careermap.people.models import Person

from . import playbooks


class ScheduleForm(forms.Form):
    playbook = forms.ChoiceField(label="Playbook")
    other = forms.EmailField(
        label="With (e-mail address)",
        help_text="Your report, your manager, or for a peer conversation any colleague.",
    )
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        min_value=15, max_value=240, initial=45, label="Length in minutes"
    )
    place = forms.CharField(
        max_length=200,
        required=False,
        help_text="Somewhere private and quiet, e.g. a small meeting room.",
    )
    video_link = forms.URLField(
        required=False, assume_scheme="https", help_text="For a remote conversation."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["playbook"].choices = [(p.key, p.name) for p in playbooks.available().values()]

    def clean_other(self) -> Person:
        email = self.cleaned_data["other"].strip().lower()
        person = Person.objects.filter(email=email, erased_at__isnull=True).first()
        if person is None:
            raise forms.ValidationError("Nobody in Careermap has this e-mail address.")
        return person

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
            if starts_at < timezone.now() - dt.timedelta(minutes=5):
                self.add_error("date", "Choose a time that has not passed yet.")
            data["starts_at"] = starts_at
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", "Say where you will meet: a private place or a video link.")
        return data


class RescheduleForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(min_value=15, max_value=240, label="Length in minutes")
    place = forms.CharField(max_length=200, required=False)
    video_link = forms.URLField(required=False, assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", "Say where you will meet: a private place or a video link.")
        return data


class AgendaForm(forms.Form):
    text = forms.CharField(max_length=300, label="Add to the agenda")


class NextStepForm(forms.Form):
    what = forms.CharField(max_length=300, label="Next step")
    owner = forms.ChoiceField(label="Who", required=False)
    due_on = forms.DateField(
        required=False, label="By when", widget=forms.DateInput(attrs={"type": "date"})
    )
    support = forms.CharField(
        max_length=300,
        required=False,
        label="Support agreed",
        help_text="e.g. 2 hours a week protected; manager covers on-call",
    )

    def __init__(self, *args, conversation, **kwargs):
        super().__init__(*args, **kwargs)
        self.conversation = conversation
        self.fields["owner"].choices = [
            (str(conversation.guest_id), conversation.guest.name),
            (str(conversation.host_id), conversation.host.name),
        ]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        if not value:
            return None
        return {str(p.pk): p for p in (self.conversation.host, self.conversation.guest)}[value]


class CloseForm(forms.Form):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you learned and agreed, in a few sentences.",
    )
    follow_up_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Follow up on",
        help_text="When you will next talk about this.",
    )
    write_up_wanted = forms.BooleanField(
        required=False, label="A write-up is wanted (shared content only)"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CustomPlaybookForm(forms.Form):
    """Copy a playbook, or edit a copy: its text in YAML, checked like the built-in ones."""

    key = forms.RegexField(
        regex=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=80,
        label="Id",
        help_text="Lowercase letters, digits and hyphens, e.g. career-aspirations-sales.",
        error_messages={"invalid": "Use lowercase letters, digits and hyphens."},
    )
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
        label="Playbook (YAML)",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing is not None:
            self.fields["key"].disabled = True

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.editing is None and key in playbooks.available():
            raise forms.ValidationError("A playbook with this id exists already.")
        return key
