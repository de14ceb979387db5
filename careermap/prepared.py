"""Querysets compiled once per process and run with new values each time.

Building and compiling a queryset with several subqueries and aggregates takes the ORM a few
milliseconds, several times what the database then needs to run it. For such a query asked on
every view of a page, `Prepared` builds it once and afterwards only puts the values in.

The values are never known while the query is built: `build` receives a `Param` for each, a
slot in the SQL that the ORM compiles to a query parameter. A Param cannot be computed with or
compared (`today - timedelta(days=7)`, `manager + 1`, `today < other` raise TypeError), so no
value can be derived from one at build time and then frozen into the compiled query; compute
such a value before `run()` and pass it as a parameter of its own. A date or time written into
the query while it was built (a `timezone.now()` inside `build`) is refused when it is compiled.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import Expression, QuerySet
from django.db.models.query import get_related_populators

FIELDS = {int: models.IntegerField, dt.date: models.DateField, dt.datetime: models.DateTimeField}


class Param(Expression):
    """The slot for one value of a prepared query."""

    def __init__(self, name: str, kind: type):
        super().__init__(output_field=FIELDS[kind]())
        self.name, self.kind = name, kind

    def as_sql(self, compiler, connection):
        return "%s", [_Slot(self.name)]

    def __repr__(self) -> str:
        return f"Param({self.name!r})"

    def _refuse(self, *args):
        raise TypeError(
            f"{self!r} has no value while the query is built: compute what you need from it "
            "before run() and pass that as a parameter of its own."
        )

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse
    __truediv__ = __rtruediv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = __index__ = __int__ = _refuse


class _Slot:
    """Where a Param's value goes among the compiled query's parameters."""

    def __init__(self, name: str):
        self.name = name


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        """`build(variant=..., **params)` returns the queryset, one Param per name in `kinds`
        (int, datetime.date or datetime.datetime: each value's type)."""
        self.build = build
        self.kinds = kinds
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, alias: str, variant) -> _Compiled:
        params = {name: Param(name, kind) for name, kind in self.kinds.items()}
        queryset = self.build(variant=variant, **params)
        compiler = queryset.query.get_compiler(alias)
        sql, compiled = compiler.as_sql()
        slots = [p.name if isinstance(p, _Slot) else None for p in compiled]
        unused = set(self.kinds) - set(slots)
        if unused:
            raise ValueError(f"Parameters {sorted(unused)} did not reach the query.")
        frozen = [p for p in compiled if _is_moment(p)]
        if frozen:
            raise ValueError(
                f"The query was built with fixed dates or times {frozen}: they would stay the "
                "same on every run. Pass them to run() as parameters."
            )
        query = queryset.query
        names = list(query.selected or [])
        names = names or [*query.extra_select, *query.values_select, *query.annotation_select]
        return _Compiled(queryset.model, sql, list(compiled), slots, compiler, names)

    def _get(self, using: str, variant, values: dict) -> tuple[_Compiled, list]:
        if set(values) != set(self.kinds):
            raise TypeError(f"run() takes exactly the values {sorted(self.kinds)}.")
        key = (using, variant)
        if key not in self._compiled:
            self._compiled[key] = self._compile(using, variant)
        compiled = self._compiled[key]
        connection = connections[using]
        filled = [
            p if name is None else _adapt(connection, self.kinds[name], values[name])
            for p, name in zip(compiled.params, compiled.slots, strict=True)
        ]
        return compiled, filled

    def run(self, variant=None, *, using: str = "default", **values) -> list:
        """The query's rows (model instances with their annotations) for these values."""
        compiled, filled = self._get(using, variant, values)
        return list(compiled.model.objects.raw(compiled.sql, filled))

    def objects(self, variant=None, *, using: str = "default", **values) -> list:
        """The query's model instances for these values, as the ORM builds them: with the
        related objects its select_related() names, which run() (a raw query) leaves out."""
        compiled, filled = self._get(using, variant, values)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, filled)
            fetched = cursor.fetchall()
        compiler = compiled.compiler
        select, info = compiler.select, compiler.klass_info
        fields = info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(info, select, using)
        found = []
        # What django.db.models.query.ModelIterable does with each row it fetched.
        for row in compiler.results_iter(results=[fetched]):
            obj = info["model"].from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in (compiler.annotation_col_map or {}).items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def rows(self, variant=None, *, using: str = "default", **values) -> list[dict]:
        """The rows of a values() query for these values, as dicts, each value converted as
        the ORM converts it (dates, aware datetimes), without building model objects."""
        compiled, filled = self._get(using, variant, values)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, filled)
            fetched = cursor.fetchall()
        names = compiled.names
        return [
            dict(zip(names, row, strict=True))
            for row in compiled.compiler.results_iter(results=[fetched])
        ]


@dataclass(frozen=True)
class _Compiled:
    model: type
    sql: str
    params: list
    slots: list  # for each parameter, the name of the value it takes, or None (a constant)
    # The compiler that made the SQL converts each fetched value as the ORM does. Converting
    # reads only the backend's settings (its time zone), never its connection.
    compiler: object
    names: list  # the columns of a values() query


def _is_moment(value) -> bool:
    # A date or time, or one the database adapter already turned into text (SQLite).
    if isinstance(value, dt.date | dt.time):
        return True
    return isinstance(value, str) and bool(DATE_TEXT.match(value))


DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}|$)|^\d{2}:\d{2}:\d{2}")


def _adapt(connection, kind: type, value):
    # What the ORM does to a value it compiles itself, done here at each run instead.
    if not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
        raise TypeError(f"Expected a {kind.__name__}, got {value!r}.")
    if kind is dt.datetime:
        return connection.ops.adapt_datetimefield_value(value)
    if kind is dt.date:
        return connection.ops.adapt_datefield_value(value)
    return value
