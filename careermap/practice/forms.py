from django import forms

from .services import LINE_LIMIT


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
