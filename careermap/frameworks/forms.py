from django import forms
from django.utils.html import format_html

from .files import KEY
from .models import (
    KEY_HELP,
    Assessment,
    Experience,
    Level,
    Relationship,
    Role,
    ScaleStep,
    Skill,
    SkillCategory,
    Track,
)


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


class RoleForm(forms.Form):
    """A role, with one proficiency choice per skill (blank: the role does not expect it)."""

    name = forms.CharField(max_length=200)
    track = forms.ModelChoiceField(queryset=Track.objects.filter(retired=False))
    level = forms.ModelChoiceField(queryset=Level.objects.filter(retired=False))
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    excellent = forms.CharField(
        required=False, label="What excellent looks like", widget=forms.Textarea(attrs={"rows": 4})
    )
    experiences = forms.ModelMultipleChoiceField(
        queryset=Experience.objects.filter(retired=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Experience expected",
    )
    relationships = forms.ModelMultipleChoiceField(
        queryset=Relationship.objects.filter(retired=False),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Relationships expected",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["key"] = forms.RegexField(
                regex=KEY.pattern,
                max_length=80,
                label="Id",
                help_text=KEY_HELP,
                error_messages={"invalid": "Use lowercase letters, digits and hyphens."},
            )
            self.order_fields(["key"])
        choices = [("", "—"), *[(v, str(v)) for v, _ in _scale_choices()]]
        self.skills = list(
            Skill.objects.filter(retired=False)
            .select_related("category")
            .order_by("category__position", "position")
        )
        for skill in self.skills:
            self.fields[f"skill_{skill.key}"] = forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, required=False, label=skill.name
            )

    @classmethod
    def initial_for(cls, role) -> dict:
        initial = {
            "name": role.name,
            "track": role.track_id,
            "level": role.level_id,
            "summary": role.summary,
            "excellent": role.excellent,
            "experiences": list(role.experiences.all()),
            "relationships": list(role.relationships.all()),
            "version": role.version,
        }
        for rs in role.skill_levels.select_related("skill"):
            initial[f"skill_{rs.skill.key}"] = rs.proficiency
        return initial

    def skill_fields(self):
        """(category, [bound fields]) for the template, in framework order."""
        groups: dict = {}
        for skill in self.skills:
            groups.setdefault(skill.category, []).append(self[f"skill_{skill.key}"])
        return list(groups.items())

    def clean_key(self):
        key = self.cleaned_data["key"]
        if Role.objects.filter(key=key).exists():
            raise forms.ValidationError("Another role already has this id.")
        return key

    def clean(self):
        data = super().clean()
        data["skills"] = {
            s: data.get(f"skill_{s.key}") for s in self.skills if data.get(f"skill_{s.key}")
        }
        if not data["skills"]:
            raise forms.ValidationError("A role expects at least one skill.")
        return data


class SkillForm(forms.Form):
    name = forms.CharField(max_length=200)
    category = forms.ModelChoiceField(queryset=SkillCategory.objects.filter(retired=False))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for step in ScaleStep.objects.all():
            self.fields[f"step_{step.value}"] = forms.CharField(
                required=False,
                label=f"At {step.value} · {step.name}",
                widget=forms.Textarea(attrs={"rows": 2}),
                # Help text is HTML by Django's convention (its own form templates print it
                # unescaped): the scale's words come from a framework file, so escape them.
                help_text=format_html(
                    "Leave empty to use the scale's words: “{}”", step.description
                ),
            )

    @classmethod
    def initial_for(cls, skill) -> dict:
        initial = {
            "name": skill.name,
            "category": skill.category_id,
            "description": skill.description,
            "version": skill.version,
        }
        for value, text in skill.steps.items():
            initial[f"step_{value}"] = text
        return initial

    def steps(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("step_")
        }


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Role.objects.filter(retired=False)
        .select_related("track", "level")
        .order_by("track__position", "level__rank"),
        label="To role",
    )
    typical_months = forms.IntegerField(
        min_value=1,
        max_value=120,
        label="Typical months first",
        help_text="Typical time in this role before the move.",
    )
