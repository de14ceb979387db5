"""The access log is append-only: nothing in Careermap, nor a query typed by hand, rewrites it.

These run on whichever database DATABASE_URL names: the triggers exist for SQLite and
PostgreSQL alike.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from careermap.audit import services
from careermap.audit.models import AccessEvent, AppendOnly
from careermap.people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def event(manager, report):
    return services.record_change(
        actor=manager, subject=report, what="assessments", detail="manager rating of Planning: 3"
    )


def test_an_entry_cannot_be_edited_or_deleted_through_the_orm(event):
    event.detail = "nothing happened"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.filter(pk=event.pk).update(detail="nothing happened")
    with pytest.raises(AppendOnly):
        AccessEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnly), transaction.atomic():
        AccessEvent.objects.bulk_update([event], ["detail"])
    assert AccessEvent.objects.get().detail == "manager rating of Planning: 3"


def test_the_database_rejects_an_update_typed_by_hand(event):
    for sql in [
        "UPDATE audit_accessevent SET detail = 'nothing happened' WHERE id = %s",
        "UPDATE audit_accessevent SET actor_id = subject_id WHERE id = %s",
        "UPDATE audit_accessevent SET actor_id = NULL, action = 'viewed' WHERE id = %s",
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    fresh = AccessEvent.objects.get()
    assert (fresh.detail, fresh.actor_id, fresh.action) == (
        "manager rating of Planning: 3",
        event.actor_id,
        "changed",
    )


def test_removing_a_viewer_keeps_the_entry_without_them(event, manager):
    """The one change the database allows: the actor emptied when that person is removed."""
    Person.objects.filter(pk=manager.pk).delete()
    fresh = AccessEvent.objects.get()
    assert fresh.actor is None and fresh.detail == "manager rating of Planning: 3"


def test_removing_a_person_removes_their_own_log(event, report):
    other = services.record_change(
        actor=report, subject=PersonFactory(), what="plan", detail="kept"
    )
    report.delete()
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [other.pk]
