"""The walk down the unit tree: a unit and every unit under it, each once, whatever loops an editor made.

The one definition behind the `unit` filter (units chosen by code), an editor's units (units assigned to them)
and a unit's page (the units under it). The tree is tens of rows: read whole in one query, walked in memory.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

Node = TypeVar("Node")


def walk_down(roots: Iterable[Node], children: Callable[[Node], Iterable[Node]],
              key: Callable[[Node], Hashable] = lambda node: node) -> list[Node]:
    """The roots and everything under them, each once (by `key`); a loop in the parent links ends the walk."""
    found: list[Node] = []
    seen: set[Hashable] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if key(node) in seen:
            continue
        seen.add(key(node))
        found.append(node)
        stack.extend(children(node))
    return found


def unit_ids_under(*, codes: Iterable[str] = (), pks: Iterable[int] = ()) -> set[int]:
    """The ids of the units with these codes (in any case) or ids, and of every unit under them; one query."""
    from .models import OrgUnit

    wanted = {code.casefold() for code in codes}
    units = list(OrgUnit.objects.values_list("pk", "code", "parent_id"))
    below: dict[int | None, list[int]] = {}
    for pk, _code, parent in units:
        below.setdefault(parent, []).append(pk)
    roots = [*pks, *(pk for pk, code, _parent in units if code.casefold() in wanted)]
    return set(walk_down(roots, lambda pk: below.get(pk, ())))
