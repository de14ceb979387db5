from django import forms

from .models import Assessment, Experience, Relationship, Role, ScaleStep


class FrameworkImportForm(forms.Form):
    file = forms.FileField(label="Framework file (YAML)")
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check the file and show what would change"
    )


def _scale_choices():
    return [(s.value, f"{s.value} · {s.name}") for s in ScaleStep.objects.all()]


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(coerce=int, label="Proficiency")
    evidence = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A short example that shows it: a project, a piece of work, feedback.",
    )
    assessed_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Date")
    kind = forms.ChoiceField(choices=Assessment.KINDS, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _scale_choices()


class TargetRoleForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=Role.objects.filter(retired=False)
        .select_related("track", "level")
        .order_by("track__position", "level__rank"),
        label="Role to aim for",
        empty_label="Choose a role…",
    )


class CurrentRoleForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=Role.objects.filter(retired=False)
        .select_related("track", "level")
        .order_by("track__position", "level__rank"),
        label="Current role",
        required=False,
        empty_label="No role in the framework",
    )
    since = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="In this role since"
    )


class AchievementForm(forms.Form):
    experience = forms.ModelChoiceField(
        queryset=Experience.objects.filter(retired=False), required=False
    )
    relationship = forms.ModelChoiceField(
        queryset=Relationship.objects.filter(retired=False), required=False
    )
    note = forms.CharField(max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("experience")) == bool(data.get("relationship")):
            raise forms.ValidationError("Choose one experience or one relationship.")
        return data
