"""The demo's opportunities."""

from django.core.management import call_command

from careermap.core.demo import LINKS
from careermap.opportunities import demo
from careermap.opportunities.models import Opportunity
from careermap.plans.models import Objective


def test_the_demo_offers_opportunities_and_links_two_to_plans(db):
    call_command("demo", "--no-serve")
    assert Opportunity.objects.filter(status="open").count() == len(demo.OPPORTUNITIES)
    assert Opportunity.objects.filter(status="closed").count() == 1
    for spec in [*demo.OPPORTUNITIES, demo.CLOSED]:
        found = Opportunity.objects.get(title=spec[2])
        assert found.skills.count() == len(spec[4]), spec[2]  # every skill key exists
        assert found.offered_by.email.startswith(spec[0])
    security = Opportunity.objects.get(title="Lead the security review project")
    assert security.offered_by.name == "Daniel Okafor"
    linked = Objective.objects.filter(opportunities__isnull=False)
    assert set(linked.values_list("title", flat=True)) == set(LINKS)
