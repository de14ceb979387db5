"""How form fields are written into pages."""

from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.utils.html import escape
from django.utils.safestring import SafeData

# Django's widget templates that are all the same <input> (each includes input.html).
_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "time",
        "checkbox",
    )
}
_TEXTAREA = "django/forms/widgets/textarea.html"
_DJANGO_TEMPLATES = Path(django.__file__).parent / "forms" / "templates"


class FormRenderer(DjangoTemplates):
    """Django's renderer, with its <input> and <textarea> widgets written in Python, to the
    character as its templates write them (tests/core/test_form_renderer.py compares the two).

    Through the templates each field is a template render and an include of attrs.html, about
    as costly as a whole small page: the conversation page alone has a dozen fields. Every other
    widget, and any of these a project template overrides, goes through the templates.
    """

    def __init__(self):
        super().__init__()
        self._own: dict[str, bool] = {}

    def render(self, template_name, context, request=None):
        fast = template_name in _INPUTS or template_name == _TEXTAREA
        if fast and self._django_own(template_name):
            widget = context["widget"]
            if template_name == _TEXTAREA:
                text = _text(widget["value"]) if widget["value"] else ""
                name = _text(widget["name"])
                return f'<textarea name="{name}"{_attrs(widget)}>\n{text}</textarea>'
            value = widget["value"]
            shown = "" if value is None else f' value="{_formatted(value)}"'
            return (
                f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
                f"{shown}{_attrs(widget)}>"
            )
        return super().render(template_name, context, request)

    def _django_own(self, template_name: str) -> bool:
        """Whether the template is Django's own file, not one a project put in its place."""
        if template_name not in self._own:
            origin = Path(self.get_template(template_name).origin.name)
            self._own[template_name] = origin.is_relative_to(_DJANGO_TEMPLATES)
        return self._own[template_name]


def _text(value) -> str:
    """{{ value }} of a string, as the templates write it: escaped unless marked safe."""
    return value if isinstance(value, SafeData) else escape(value)


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}: "%s" of the value (its str()), escaped unless it was
    marked safe."""
    return str(value) if isinstance(value, SafeData) else escape(value)


def _attrs(widget) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for
    False."""
    parts = []
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        shown = "" if value is True else f'="{_formatted(value)}"'
        parts.append(f" {_text(name)}{shown}")
    return "".join(parts)
