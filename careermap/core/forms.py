from django import forms

from . import erasure


class ErasureForm(forms.Form):
    """The HR admin types the person's name: erasing is for good, and a typed name is hard to
    give by accident or for the wrong person."""

    name = forms.CharField(max_length=200, label="Type their name to confirm")
    reason = forms.CharField(
        max_length=150,
        required=False,
        label="Reason",
        help_text="For the list of erasures, e.g. “Request of 2 December”. Do not name them.",
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_name(self) -> str:
        typed = self.cleaned_data["name"]
        if not erasure.name_matches(self.person, typed):
            raise forms.ValidationError("This is not their name as Careermap has it.")
        return typed
