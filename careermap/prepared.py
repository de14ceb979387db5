"""Querysets compiled once per process and run with new values each time.

Building and compiling a queryset with several subqueries and aggregates takes the ORM a few
milliseconds, several times what the database then needs to run it. For such a query asked on
every view of a page, `Prepared` builds it once with marker values in place of the ones that
change (a person's id, the time, the day), finds where those markers landed among the compiled
parameters, and afterwards only swaps the real values in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

# Values no real query will carry, one per kind of parameter.
MARKERS = {
    int: 987_654_321_987,
    dt.date: dt.date(1901, 2, 3),
    dt.datetime: dt.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=dt.UTC),
}


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        """`build(**values)` returns the queryset; `kinds` names each value's type."""
        self.build = build
        self.kinds = kinds
        self._compiled: dict[tuple, tuple] = {}

    def _adapt(self, connection, kind, value):
        if kind is dt.datetime:
            return connection.ops.adapt_datetimefield_value(value)
        if kind is dt.date:
            return connection.ops.adapt_datefield_value(value)
        return value

    def _compile(self, alias: str, variant) -> tuple:
        connection = connections[alias]
        markers = {name: MARKERS[kind] for name, kind in self.kinds.items()}
        if len({(self.kinds[n], v) for n, v in markers.items()}) != len(markers):
            # Two values of one kind would share a marker: tell them apart by offset.
            markers = {
                name: MARKERS[kind] + (dt.timedelta(days=i) if kind is not int else i)
                for i, (name, kind) in enumerate(self.kinds.items())
            }
        queryset = self.build(variant=variant, **markers)
        sql, params = queryset.query.sql_with_params()
        adapted = {
            self._adapt(connection, self.kinds[name], value): name
            for name, value in markers.items()
        }
        slots = [adapted.get(p) for p in params]
        missing = set(markers) - set(slots)
        if missing:
            raise ValueError(f"Values {sorted(missing)} did not reach the query's parameters.")
        return queryset.model, sql, list(params), slots

    def run(self, variant=None, *, using: str = "default", **values):
        """The query's rows (model instances with their annotations) for these values."""
        key = (using, variant)
        if key not in self._compiled:
            self._compiled[key] = self._compile(using, variant)
        model, sql, params, slots = self._compiled[key]
        connection = connections[using]
        filled = [
            p if name is None else self._adapt(connection, self.kinds[name], values[name])
            for p, name in zip(params, slots, strict=True)
        ]
        return list(model.objects.raw(sql, filled))
