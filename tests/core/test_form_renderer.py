"""Form fields are written exactly as Django's own widget templates write them."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from careermap.conversations.forms import CloseForm, RescheduleForm
from careermap.core.form_renderer import FormRenderer


class EveryInput(forms.Form):
    text = forms.CharField(max_length=20, help_text="x", widget=forms.TextInput({"class": "a"}))
    number = forms.IntegerField(min_value=1, max_value=9)
    email = forms.EmailField(required=False)
    url = forms.URLField(assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time", "step": 60}))
    flag = forms.BooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "spellcheck": False}))
    choice = forms.ChoiceField(choices=[("a", "<A>"), ("b", "B")])  # a select: templates


NASTY = {
    "text": "<b>\"Tom\" & 'Jerry'</b>",
    "number": "12",
    "email": "not an address",
    "url": "https://example.com/?a=1&b=<2>",
    "password": 'p"w<',
    "hidden": "3",
    "date": "2026-02-30",
    "time": "10:61",
    "flag": "on",
    "notes": "\n  first line\n<script>alert(1)</script>\n\n",
    "choice": "b",
}


def every_way():
    yield EveryInput()
    yield EveryInput(initial={"text": mark_safe("<i>safe</i>"), "notes": "", "flag": True})
    yield EveryInput(data=NASTY)
    yield EveryInput(data={})
    yield CloseForm(initial={"version": 7, "follow_up_on": dt.date(2026, 3, 1)})
    yield CloseForm(data={"summary": "A & B", "follow_up_on": "soon", "write_up_wanted": "on"})
    yield RescheduleForm(
        initial={"date": "2026-03-01", "time": "09:30", "duration_minutes": 45, "version": 2}
    )


def written(form, renderer) -> list[str]:
    form.renderer = renderer
    return [form.as_div()] + [f"{field}|{field.as_hidden()}" for field in form]


@pytest.mark.parametrize("form", list(every_way()), ids=lambda f: type(f).__name__)
def test_every_field_reads_as_djangos_templates_write_it(form):
    form.is_bound and form.is_valid()  # errors set aria-invalid on the fields
    assert written(form, FormRenderer()) == written(form, DjangoTemplates())


def test_careermap_pages_use_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
