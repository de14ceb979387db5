"""Help texts are text: words that come from a framework file are shown, never run."""

import yaml
from django.urls import reverse

from careermap.frameworks import services
from careermap.frameworks.exports import framework_data
from careermap.frameworks.models import ScaleStep

HOSTILE = "<img src=x onerror=alert(document.cookie)>"


def test_a_scale_description_from_a_framework_file_is_shown_as_text(client, hr, framework):
    data = framework_data()
    data["scale"][0]["description"] = HOSTILE
    result = services.import_framework(yaml.safe_dump(data).encode(), actor=hr.user)
    assert result.ok and ScaleStep.objects.get(value=1).description == HOSTILE
    client.force_login(hr.user)
    page = client.get(reverse("frameworks:edit_skill", args=["coaching"])).content.decode()
    assert "&lt;img src=x onerror=alert(document.cookie)&gt;" in page
    assert "<img src=x" not in page


def test_the_password_rules_are_still_listed_under_the_new_password(client, report):
    client.force_login(report.user)
    page = client.get(reverse("password_change")).content.decode()
    assert "<li>Your password must contain at least 8 characters.</li>" in page
