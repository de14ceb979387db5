from django import forms
from django.contrib.auth.forms import PasswordResetForm

from careermap import access

from . import services
from .models import Person


class PersonForm(forms.Form):
    """An HR admin's edit of a person's record. `version` catches edits made meanwhile."""

    name = forms.CharField(max_length=200)
    job_title = forms.CharField(max_length=200, required=False)
    team = forms.CharField(max_length=120, required=False, help_text="A new name creates the team.")
    manager_email = forms.EmailField(
        required=False, label="Manager's e-mail", help_text="Leave empty for no manager."
    )
    start_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Start date"
    )
    left_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Left on",
        help_text="Their last day, once they leave. Empty while they work here.",
    )
    is_hr_admin = forms.BooleanField(required=False, label="HR admin")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, person: Person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.user = user

    @classmethod
    def initial_for(cls, person: Person) -> dict:
        return {
            "name": person.name,
            "job_title": person.job_title,
            "team": person.team.name if person.team else "",
            "manager_email": person.manager.email if person.manager else "",
            "start_date": person.start_date,
            "left_on": person.left_on,
            "is_hr_admin": person.is_hr_admin,
            "version": person.version,
        }

    def clean_manager_email(self) -> Person | None:
        email = self.cleaned_data["manager_email"].strip().lower()
        if not email:
            return None
        manager = access.visible_people(self.user).filter(email=email).first()
        if manager is None:
            raise forms.ValidationError("Nobody in Careermap has this e-mail address.")
        if manager.pk == self.person.pk:
            raise forms.ValidationError("A person cannot be their own manager.")
        return manager

    def clean(self):
        data = super().clean()
        started, left = data.get("start_date"), data.get("left_on")
        if started and left and left < started:
            self.add_error("left_on", "They cannot leave before they started.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with the columns email, name, title, team, manager_email, "
        "start_date (YYYY-MM-DD) and hr_admin (yes/no). Only email and name are required.",
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Dry run: check the file and show what would change"
    )


class PasswordResetRequestForm(PasswordResetForm):
    """Django's "forgot your password" form, sending through the task queue (see
    services.request_password_reset) instead of inside the request."""

    def save(self, **options) -> None:  # options: Django's way of sending, not used here
        services.request_password_reset(email=self.cleaned_data["email"])
