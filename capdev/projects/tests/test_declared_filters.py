"""Every list parameter is declared once, and both of its meanings agree: for each declared parameter of the
project list and of the activity list, with values drawn from a generated portfolio (alone, and beside another
filter), the in-memory index selects, orders and counts what SQL selects, orders and counts, for the public
and for staff. A new parameter is covered here by its declaration alone; one whose kind of value has no
sample yet fails until `sample_values` learns it."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import RequestFactory

from capdev.activities.filtersets import ActivityFilterSet
from capdev.activities.indexed import activity_count
from capdev.assessments.filtersets import AssessmentFilterSet
from capdev.core import fields
from capdev.core.filters import ValuesFilter, parameter_table
from capdev.people.filtersets import (
    AttendanceFilterSet,
    NetworkFilterSet,
    PersonFilterSet,
)
from capdev.projects.facet_index.cache import get_index
from capdev.projects.facet_index.query import IndexQuery
from capdev.projects.facets import indexed_facet_counts, sql_facet_counts
from capdev.projects.filtersets import ProjectFilterSet

WORDS = ["government", "digital", "parliament", "open data", "-workshop", "public OR civil", '"service delivery"']
PROJECT_PARAMS = [name for name, f in ProjectFilterSet.declared() if name != "sort"]
ACTIVITY_PARAMS = [name for name, _f in ActivityFilterSet.declared()]


def _request(staff: bool):
    request = RequestFactory().get("/projects/")
    request.user = get_user_model()(username="s", is_staff=True, is_active=True) if staff else AnonymousUser()
    return request


def sample_values(definition) -> list[str]:
    """Values of this kind as a URL sends them, most of them held by the generated portfolio."""
    from capdev.organisations.models import Organisation
    from capdev.projects.models import Project

    if isinstance(definition, fields.Choice):
        return list(definition.values)
    if isinstance(definition, fields.Flag):
        return ["true", "false", "1", "0"]
    if definition is fields.SEARCH:
        return WORDS
    if definition is fields.YEAR:
        return [str(year) for year in range(1998, 2032, 3)]
    if definition is fields.SDG_GOAL:
        return [str(goal) for goal in range(1, 18)]
    if definition is fields.ROW_ID:
        return [str(pk) for pk in Project.objects.order_by("pk").values_list("pk", flat=True)[::7]]
    if definition is fields.ORGANISATION:
        named = Organisation.objects.filter(project_links__isnull=False).distinct()
        return [*named.order_by("slug").values_list("slug", flat=True)[:40], "no-such-organisation"]
    if isinstance(definition, fields.Code) and definition.model:
        from django.apps import apps

        manager = apps.get_model(definition.model)._default_manager
        return list(manager.order_by(definition.field).values_list(definition.field, flat=True)[:300])
    raise AssertionError(f"no sample values for {definition!r}: teach sample_values this kind of value")


def params_for(filterset_class, name: str, rng: random.Random, others: list[str]) -> QueryDict:
    """This parameter with a sample value or two, and sometimes another parameter beside it."""
    params = QueryDict(mutable=True)
    declared = dict(filterset_class.declared())
    for param in [name, *([rng.choice(others)] if others and rng.random() < 0.5 else [])]:
        values = sample_values(declared[param].definition)
        many = isinstance(declared[param], ValuesFilter)
        params.setlist(param, rng.sample(values, min(len(values), rng.randint(1, 2))) if many else [rng.choice(values)])
    return params


def test_every_parameter_of_the_project_list_has_a_meaning_on_the_index():
    """A parameter the index cannot answer would send every list request using it to SQL (seconds at scale)."""
    missing = [name for name, f in ProjectFilterSet.declared() if name != "sort" and not f.indexed]
    assert missing == []


@pytest.mark.parametrize("name", PROJECT_PARAMS)
@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
def test_a_project_parameter_selects_orders_and_counts_on_the_index_as_in_sql(synthetic, db, name, staff):
    rng = random.Random(f"{name}-{staff}")
    others = [other for other in PROJECT_PARAMS if other != name]
    compared = matched = 0
    for _round in range(8):
        params = params_for(ProjectFilterSet, name, rng, others)
        fs = ProjectFilterSet(params, request=_request(staff))
        if name not in fs.filters:  # a staff-only parameter, for the public: it does not exist
            assert fs.filters.keys() == ProjectFilterSet(QueryDict(), request=_request(staff)).filters.keys()
            return
        query = IndexQuery(get_index(), fs)
        assert indexed_facet_counts(query) == sql_facet_counts(fs), dict(params.lists())
        pks = query.ordered_pks(fs.sort_key).tolist()
        assert pks == list(fs.qs.values_list("pk", flat=True)), dict(params.lists())
        compared += 1
        matched += bool(pks)
    assert compared == 8 and matched >= 2  # the comparisons are not all of empty lists


@pytest.mark.parametrize("name", ACTIVITY_PARAMS)
@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
def test_an_activity_parameter_counts_on_the_index_as_in_sql(synthetic, db, settings, name, staff):
    settings.CAPDEV_FACET_INDEX = True
    rng = random.Random(f"activities-{name}-{staff}")
    others = [other for other in ACTIVITY_PARAMS if other != name]
    counted = 0
    for _round in range(8):
        params = params_for(ActivityFilterSet, name, rng, others)
        fs = ActivityFilterSet(params, request=_request(staff))
        assert fs.is_valid(), fs.errors
        count = activity_count(fs)
        assert count is not None, f"the index did not count {dict(params.lists())}"
        assert count == fs.qs.count(), dict(params.lists())
        counted += count > 0
    assert counted >= 2


@pytest.mark.parametrize("filterset_class, page", [
    (ProjectFilterSet, "portal.md"), (ActivityFilterSet, "open-data.md"), (AssessmentFilterSet, "assessments.md"),
    (PersonFilterSet, "people.md"), (AttendanceFilterSet, "people.md"), (NetworkFilterSet, "people.md")])
def test_the_docs_parameter_table_is_the_declarations(filterset_class, page):
    """Every parameter has its sentence, and the table in the docs is the one the declarations give."""
    table = parameter_table(filterset_class)
    for name, declared in filterset_class.declared():
        assert declared.doc, f"{name} has no doc"
        assert f"| `{name}` |" in table
    text = (Path(__file__).resolve().parents[3] / "docs" / page).read_text(encoding="utf-8")
    begin = f"<!-- parameters of {filterset_class.__name__}:"
    start = text.index("\n", text.index(begin)) + 1
    documented = text[start:text.index("<!-- end of parameters -->", start)].strip()
    assert documented == table, f"docs/{page}: replace the table of {filterset_class.__name__} with\n{table}"
