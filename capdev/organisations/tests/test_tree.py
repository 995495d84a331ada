"""The one walk down the unit tree (capdev.organisations.tree)."""
import pytest

from capdev.organisations.models import OrgUnit
from capdev.organisations.tree import unit_ids_under, walk_down


def test_walk_down_visits_each_node_once_even_round_a_loop():
    below = {"a": ["b", "c"], "b": ["d"], "d": ["a"], "c": []}  # d -> a: a loop an editor made
    assert sorted(walk_down(["a"], lambda n: below.get(n, ()))) == ["a", "b", "c", "d"]
    assert walk_down([], lambda n: below[n]) == []


def test_walk_down_by_key():
    class Node:
        def __init__(self, pk, kids=()):
            self.pk, self.kids = pk, list(kids)

    leaf = Node(3)
    root = Node(1, [Node(2, [leaf]), Node(3)])  # two objects for unit 3: visited once
    assert sorted(n.pk for n in walk_down([root], lambda n: n.kids, key=lambda n: n.pk)) == [1, 2, 3]


@pytest.mark.django_db
def test_unit_ids_under_codes_in_any_case_and_ids():
    top = OrgUnit.objects.create(code="DPIDG", name="Division")
    branch = OrgUnit.objects.create(code="PACB", name="Branch", parent=top)
    team = OrgUnit.objects.create(code="PACB-T", name="Team", parent=branch)
    other = OrgUnit.objects.create(code="EGB", name="Other")
    assert unit_ids_under(codes=["pacb"]) == {branch.pk, team.pk}
    assert unit_ids_under(codes=["DPIDG"]) == {top.pk, branch.pk, team.pk}
    assert unit_ids_under(pks=[other.pk]) == {other.pk}
    assert unit_ids_under(codes=["nope"]) == set()
