"""The insights page for HR admins and its CSV files."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from careermap import access

from . import charts, queries, tables
from .forms import FilterForm


def _filters(request) -> queries.Filters:
    form = FilterForm(request.GET)
    # A filter that does not read (a mistyped e-mail address) is left out, not an error page:
    # cleaned_data keeps the fields that did.
    form.is_valid()
    data = form.cleaned_data
    return queries.Filters(
        team=data.get("team", "").strip(),
        manager=data.get("manager", ""),
        track=data.get("track", ""),
        period=data.get("period") or 12,
    )


@login_required
def insights(request):
    access.require(access.can_see_insights(request.user))
    filters = _filters(request)
    snapshot = queries.latest()
    context = {"filters": filters, "snapshot": snapshot, "periods": queries.periods()}
    if snapshot is not None:
        figures = queries.figures(snapshot, filters)
        context |= {
            "figures": figures,
            "tables": tables.all_tables(figures, filters.period),
            "charts": charts.all_charts(figures),
            "minimum": access.INSIGHTS_MIN_GROUP,
        }
    return render(request, "insights/insights_page.html", context)


@login_required
def export(request, table: str):
    access.require(access.can_see_insights(request.user))
    filters = _filters(request)
    snapshot = queries.latest()
    if snapshot is None:
        raise Http404("No figures yet.")
    figures = queries.figures(snapshot, filters, complete=True)
    found = tables.all_tables(figures, filters.period)
    if table not in found:
        raise Http404("No such table.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = snapshot.computed_at.strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="insights-{table}-{stamp}.csv"'
    tables.write_csv(found[table], response)
    return response
