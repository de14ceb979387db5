from django import forms

from .models import PERIODS


class FilterForm(forms.Form):
    """The page's filters, read from the address so a filtered view can be shared and
    bookmarked. Nothing here asks the database: a team or manager that matches nobody just
    selects nobody."""

    team = forms.CharField(required=False, max_length=120)
    manager = forms.EmailField(required=False, label="Manager's e-mail")
    track = forms.SlugField(required=False, max_length=80)
    period = forms.TypedChoiceField(
        choices=[(months, f"Last {months} months") for months in sorted(PERIODS)],
        coerce=int,
        required=False,
        empty_value=max(PERIODS),
    )
