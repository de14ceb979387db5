"""The insights page in a browser, as an HR admin sees it on a laptop and on a phone: each
chart drawn by the vendored Chart.js (under the page's Content-Security-Policy) with its table
beside or below it, and nothing wider than the screen."""

import pytest

from careermap.conversations import demo as conversation_demo
from careermap.frameworks import demo as framework_demo
from careermap.insights import services
from careermap.people import demo
from careermap.plans import demo as plan_demo
from tests.browser.test_conversation import open_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_insights_page_draws_charts_and_tables_without_sideways_scroll(
    live_server, browser, framework, width
):
    demo.build_demo()
    framework_demo.load()
    conversation_demo.load()
    plan_demo.load()
    services.refresh()
    page = open_as(browser, live_server.url, "rosa.delgado@example.com")
    page.set_viewport_size({"width": width, "height": 900})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server.url}/insights/")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-teams')")
    charts = page.locator("canvas[id^='chart-']")
    assert charts.count() == 3  # coverage by team, skill gaps, bench: each with a table
    for i in range(charts.count()):
        chart = charts.nth(i).get_attribute("id")
        assert page.evaluate(f"() => !!Chart.getChart('{chart}')"), chart
        assert charts.nth(i).bounding_box()["width"] > 200, chart
        assert page.locator(f"table[data-chart='{chart}']").is_visible(), chart
    assert page.locator("table[data-chart='chart-summary']").is_visible()
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{wide}px wide at {width}px"
    assert errors == []
