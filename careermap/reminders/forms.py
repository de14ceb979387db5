from django import forms

from .models import ReminderSettings


class ReminderSettingsForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label="E-mail me my reminders",
        choices=ReminderSettings.FREQUENCIES,
        widget=forms.RadioSelect,
        help_text="Reminders always appear on this page; this only decides the e-mail.",
    )
