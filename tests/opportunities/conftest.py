import pytest

from careermap.frameworks.models import Skill
from careermap.opportunities import services


@pytest.fixture
def post(framework):
    """post(person, title, kind=..., skills=[keys], **fields): an opportunity they offer."""

    def post(by, title, *, kind="project", skills=(), description="", **fields):
        return services.create_opportunity(
            actor=by.user,
            kind=kind,
            title=title,
            description=description or f"All about {title}.",
            skills=list(Skill.objects.filter(key__in=skills)),
            **fields,
        )

    return post
