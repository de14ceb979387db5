from django.core.checks import Error, register

from . import playbooks


@register()
def playbooks_load(app_configs, **kwargs):
    """A broken built-in playbook is reported when Careermap starts, not when someone opens it."""
    playbooks.library.cache_clear()
    try:
        playbooks.library()
    except playbooks.PlaybookError as exc:
        return [Error(f"Playbook {problem}", id="careermap.E001") for problem in [str(exc)]]
    return []
