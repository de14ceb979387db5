"""A query compiled once and run with new values each time can never freeze a value: one
derived from a parameter, or fixed while it was built, is refused instead of answered wrongly."""

import datetime as dt

import pytest
from django.utils import timezone

from careermap.people.models import Person
from careermap.prepared import Prepared
from tests.factories import PersonFactory

TODAY = dt.date.today()


def _started(days_ago: int, **extra):
    return PersonFactory(start_date=TODAY - dt.timedelta(days=days_ago), **extra)


def test_each_run_answers_for_its_own_values(db, manager):
    mine, recent = _started(30, manager=manager), _started(3, manager=manager)
    _started(3)  # someone else's report

    def build(*, variant, manager, since):
        return Person.objects.filter(manager_id=manager, start_date__gte=since).order_by("name")

    newcomers = Prepared(build, manager=int, since=dt.date)
    week = newcomers.run(manager=manager.pk, since=TODAY - dt.timedelta(days=7))
    assert [p.pk for p in week] == [recent.pk]
    month = newcomers.run(manager=manager.pk, since=TODAY - dt.timedelta(days=60))
    assert {p.pk for p in month} == {mine.pk, recent.pk}


def test_a_value_derived_from_a_parameter_while_building_is_refused(db):
    """ "Today minus seven days", computed while the query is built, would be computed once
    from a value nobody passed: it is refused, never frozen into the query."""

    def build(*, variant, today):
        return Person.objects.filter(start_date__gte=today - dt.timedelta(days=7))

    with pytest.raises(TypeError, match="no value while the query is built"):
        Prepared(build, today=dt.date).run(today=TODAY)


def test_a_date_fixed_while_building_is_refused(db):
    def build(*, variant, manager):
        return Person.objects.filter(manager_id=manager, updated_at__lte=timezone.now())

    with pytest.raises(ValueError, match="fixed dates or times"):
        Prepared(build, manager=int).run(manager=1)


def test_a_parameter_the_query_does_not_use_is_refused(db):
    def build(*, variant, manager, today):
        return Person.objects.filter(manager_id=manager)

    with pytest.raises(ValueError, match="today"):
        Prepared(build, manager=int, today=dt.date).run(manager=1, today=TODAY)


def test_a_value_of_the_wrong_kind_is_refused(db):
    def build(*, variant, today):
        return Person.objects.filter(start_date__gte=today)

    with pytest.raises(TypeError, match="date"):
        Prepared(build, today=dt.date).run(today=timezone.now())


def test_objects_come_with_their_related_objects_as_the_orm_builds_them(
    db, manager, django_assert_num_queries
):
    report = PersonFactory(manager=manager)

    def build(*, variant, pk):
        return Person.objects.select_related("manager", "team").filter(pk=pk)

    prepared = Prepared(build, pk=int)
    prepared.objects(pk=report.pk)  # compiled on first use
    # 1 the person with their manager and team; reading those asks nothing more
    with django_assert_num_queries(1):
        [found] = prepared.objects(pk=report.pk)
        assert found.manager.name == manager.name and found.team == report.team
    orm = Person.objects.select_related("manager", "team").get(pk=report.pk)
    assert [getattr(found, f.attname) for f in Person._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in Person._meta.concrete_fields
    ]
    assert prepared.objects(pk=report.pk + 1000) == []
