"""A scenario as plain JSON and back, so an attempt keeps the scenario it was played against.

Generic over the engine's frozen dataclasses (careermap/practice/scenarios.py): it follows
their type hints, so a field added to Scenario, Persona, Goal or Fact is kept without a change
here. No Django: rehearsal.py and the services use it, and so can a test.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any


def to_data(scenario) -> dict:
    """The scenario as JSON-ready data (tuples become lists once stored)."""
    return _plain(dataclasses.asdict(scenario))


def from_data(cls, data: dict):
    """The dataclass `cls` (Scenario) rebuilt from to_data's output."""
    return _build(cls, data)


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _build(kind, value: Any):
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        given = {
            f.name: _build(hints.get(f.name, Any), value[f.name])
            for f in dataclasses.fields(kind)
            if f.init and f.name in value
        }
        return kind(**given)
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        chosen = next((a for a in args if a is not type(None)), Any)
        return _build(chosen, value)
    if origin is tuple:
        inner = args[0] if args else Any
        return tuple(_build(inner, v) for v in value)
    if origin is list:
        return [_build(args[0] if args else Any, v) for v in value]
    if origin is dict:
        inner = args[1] if len(args) == 2 else Any
        return {k: _build(inner, v) for k, v in value.items()}
    return value
