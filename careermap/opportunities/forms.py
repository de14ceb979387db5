from django import forms

from careermap.frameworks.models import Skill
from careermap.people.models import Person

from .models import Opportunity


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(choices=Opportunity.KINDS, label="Kind")
    title = forms.CharField(max_length=200, label="Title")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What it is",
        help_text="What taking part involves, what someone learns, who it suits.",
    )
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.filter(retired=False),
        required=False,
        label="Skills it helps grow",
        help_text="How people find it: it is suggested to those whose plans or gaps need these "
        "(Ctrl or ⌘ picks several).",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    contact = forms.EmailField(
        label="Who to talk to",
        help_text="Their e-mail address: yours, unless someone else runs it. They can edit it too.",
    )
    where = forms.CharField(max_length=120, required=False, label="Team or place")
    starts_on = forms.DateField(
        required=False, label="Starts", widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        required=False, label="Ends", widget=forms.DateInput(attrs={"type": "date"})
    )
    hours_per_week = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=40,
        label="Hours a week it asks for",
        help_text="Counted against the time agreed on the plans that use it.",
    )
    places = forms.IntegerField(
        required=False, min_value=1, max_value=10000, label="Places (leave empty if open to all)"
    )

    def clean_contact(self):
        email = self.cleaned_data["contact"]
        person = Person.objects.filter(email__iexact=email, erased_at__isnull=True).first()
        if person is None:
            raise forms.ValidationError("Nobody in Careermap has this e-mail address.")
        return person

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "It cannot end before it starts.")
        return data

    def service_fields(self) -> dict:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data["offered_by"] = data.pop("contact")
        data.pop("version", None)
        return data

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict:
        plain = ("kind", "title", "description", "where", "starts_on", "ends_on")
        return {
            **{f: getattr(opportunity, f) for f in (*plain, "hours_per_week", "places")},
            "skills": list(opportunity.skills.all()),
            "contact": opportunity.offered_by.email if opportunity.offered_by else "",
            "version": opportunity.version,
        }


class EditForm(OpportunityForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
