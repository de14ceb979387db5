import networkx as nx
import pytest

from careermap.engine.model import Framework, MoveSpec, RoleSpec
from tests.engine.framework import MOVES, ROLES, SKILLS, small_framework


def test_roles_are_found_by_key():
    """A role is looked up by its key; an unknown key is a KeyError."""
    framework = small_framework()
    assert framework.role("eng-3").name == "Senior Engineer"
    with pytest.raises(KeyError):
        framework.role("cto")


def test_requirements_follow_skill_and_role_order():
    """The requirement matrix has a row per role and a column per skill, 0 where not expected."""
    framework = small_framework()
    row = framework.requirements[framework.role_index["data-2"]]
    assert dict(zip(framework.skills, row.tolist(), strict=True)) == {
        "coding": 2,
        "design": 0,
        "delivery": 2,
        "mentoring": 0,
        "statistics": 3,
    }
    assert framework.requirements.dtype.itemsize == 1


def test_moves_form_a_graph_weighted_by_months():
    """Each move is an edge from source to target carrying its months."""
    framework = small_framework()
    assert framework.graph.edges["eng-2", "eng-3"]["weight"] == 24
    assert sorted(framework.graph.successors("eng-2")) == ["data-2", "em-3", "eng-3"]


def test_a_role_expecting_an_unknown_skill_is_rejected():
    """A role naming a skill the framework does not have is a ValueError."""
    role = RoleSpec("odd", "Odd", "engineering", 1, {"juggling": 2})
    with pytest.raises(ValueError, match="juggling"):
        Framework(skills=SKILLS, roles=[*ROLES, role], moves=MOVES)


def test_a_move_to_an_unknown_role_is_rejected():
    """A move naming a role the framework does not have is a ValueError."""
    move = MoveSpec("eng-3", "cto", "promotion", 48)
    with pytest.raises(ValueError, match="cto"):
        Framework(skills=SKILLS, roles=ROLES, moves=[*MOVES, move])


def test_the_compiled_framework_cannot_be_changed():
    """Neither the matrices nor the move graph accept changes after compiling."""
    framework = small_framework()
    with pytest.raises(ValueError):
        framework.requirements[0, 0] = 5
    with pytest.raises(nx.NetworkXError):
        framework.graph.add_edge("eng-1", "em-3")
