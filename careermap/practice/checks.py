from django.core.checks import Error, register

from . import lessons, scenarios


@register()
def practice_content_loads(app_configs, **kwargs):
    """A broken built-in scenario or lesson is reported when Careermap starts, with every
    problem found, not when someone opens it."""
    errors = []
    for module, failure, code in (
        (scenarios, scenarios.ScenarioError, "careermap.E101"),
        (lessons, lessons.LessonError, "careermap.E102"),
    ):
        module.library.cache_clear()
        try:
            module.library()
        except failure as exc:
            errors.append(Error(str(exc), id=code))
    return errors
