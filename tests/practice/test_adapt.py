"""HR admins copy a scenario and adapt it to the organisation: checked like the built-in ones,
every problem listed at once, then practised by everyone."""

from django.urls import reverse
from django.utils.html import escape

from careermap.practice import scenarios
from careermap.practice.models import CustomScenario

SCENARIO = "aspirations-and-workload"


def _copy(client, key="aspirations-sales", **changes):
    source = scenarios.to_yaml(scenarios.library()[SCENARIO], key=key, title="Sales version")
    for old, new in changes.items():
        source = source.replace(old, new)
    return client.post(reverse("practice:adapt", args=[SCENARIO]), {"key": key, "source": source})


def test_an_hr_admin_adapts_a_scenario_that_everyone_can_practise(client, hr, report):
    client.force_login(hr.user)
    page = client.get(reverse("practice:adapt", args=[SCENARIO])).content.decode()
    assert "aspirations-and-workload-ours" in page and "Save scenario" in page
    response = _copy(client, **{"Maya Lindqvist": "Maya Sales"})
    assert response["Location"] == reverse("practice:scenario", args=["aspirations-sales"])
    client.force_login(report.user)
    assert "Sales version" in client.get(reverse("practice:home")).content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "Maya Sales" in page
    attempt_page = client.post(reverse("practice:start", args=["aspirations-sales"]))["Location"]
    assert "You are talking with Maya Sales" in client.get(attempt_page).content.decode()


def test_every_problem_in_an_adaptation_is_listed(client, hr):
    client.force_login(hr.user)
    response = _copy(
        client, **{"temperament: open": "temperament: grumpy", "needs: open": "needs: luck"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "grumpy" in page and "luck" in page
    assert not CustomScenario.objects.exists()


def test_only_hr_admins_adapt(client, manager):
    client.force_login(manager.user)
    assert client.get(reverse("practice:adapt", args=[SCENARIO])).status_code == 403
    assert _copy(client).status_code == 403
    assert not CustomScenario.objects.exists()
    page = client.get(reverse("practice:scenario", args=[SCENARIO])).content.decode()
    assert "Copy and adapt" not in page and escape("Aspirations") in page


def _copy_lesson(client, key="past-experiences-sales", **changes):
    from careermap.practice import lessons

    page = client.get(reverse("practice:adapt_lesson", args=["past-experiences"]))
    source = page.context["form"].initial["source"].replace("past-experiences-ours", key)
    for old, new in changes.items():
        source = source.replace(old, new)
    assert lessons.library()["past-experiences"].title in source
    return client.post(
        reverse("practice:adapt_lesson", args=["past-experiences"]), {"key": key, "source": source}
    )


def test_an_hr_admin_adapts_a_lesson_into_the_course(client, hr, report):
    client.force_login(hr.user)
    response = _copy_lesson(client, **{"(our version)": "(for sales)"})
    assert response["Location"] == reverse("practice:lesson", args=["past-experiences-sales"])
    client.force_login(report.user)
    page = client.get(reverse("practice:home")).content.decode()
    assert "(for sales)" in page
    assert "(for sales)" in client.get(response["Location"]).content.decode()


def test_a_broken_lesson_lists_its_problems_and_is_not_saved(client, hr):
    from careermap.practice.models import CustomLesson

    client.force_login(hr.user)
    response = _copy_lesson(client, **{"## Why it matters": "## Why", "minutes: 8": "minutes: 0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "missing section" in page and "minutes must be" in page
    assert not CustomLesson.objects.exists()
