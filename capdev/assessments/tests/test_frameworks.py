"""Frameworks as data: the documented file format, checked whole with where each problem is, loaded and reloaded."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from capdev.assessments import frameworks
from capdev.assessments.models import Assessment, Dimension, DimensionScore, Framework, Level, Question

from .conftest import EXAMPLE, FILES, load_framework

pytestmark = pytest.mark.django_db


def test_the_example_framework_loads_and_says_it_is_an_example(framework):
    assert framework.is_example and "Example" in framework.name and "not an official" in framework.publisher
    assert framework.scale == "levels" and framework.weak_at_or_below == 2
    dims = list(framework.dimensions.values_list("code", flat=True))
    assert dims == ["strategy", "institutions", "legal", "services", "data", "mindsets"]
    assert Question.objects.filter(dimension__framework=framework).count() == 12
    assert Question.objects.get(code="services.2").kind == "indicator"
    general = Level.objects.filter(framework=framework, dimension__isnull=True).order_by("value")
    assert [lv.label for lv in general] == ["Initial", "Emerging", "Established", "Managed", "Leading"]
    strategy = Dimension.objects.get(framework=framework, code="strategy")
    assert sorted(strategy.levels.values_list("value", flat=True)) == [1, 3, 5]
    assert framework.history.count() == 1  # change history like every model


def test_an_index_framework_from_json(index_framework):
    assert index_framework.scale == "index" and index_framework.weak_at_or_below == Decimal("0.4")
    assert index_framework.scale_range == (0, 1)
    # A question without a code gets one from its dimension and position.
    assert Question.objects.filter(dimension__code="infrastructure").get().code == "infrastructure.1"


def test_every_problem_of_a_faulty_file_is_reported_with_where_and_nothing_is_written():
    path = FILES / "framework-faulty.yaml"
    with pytest.raises(frameworks.FrameworkError) as caught:
        frameworks.read_file(path.read_bytes(), path.name)
    problems = "\n".join(caught.value.problems)
    for expected in ("slug: “Not A Slug” is not a code", "name: required", "scale.kind: one of levels, index",
                     "dimesions: unknown key", "dimensions[0].questions[0].text: required",
                     "dimensions[0].questions[1].code: “q1” is given twice",
                     "dimensions[1].code: “strategy” is the code of an earlier dimension",
                     "dimensions[1].name: required", "dimensions[1].levels.7: a level is a whole number from 1 to 5"):
        assert expected in problems, problems
    assert not Framework.objects.exists()


def test_yaml_aliases_are_refused():
    path = FILES / "framework-aliases.yaml"
    with pytest.raises(frameworks.FrameworkError, match="aliases"):
        frameworks.read_file(path.read_bytes(), path.name)


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe\x00", "not UTF-8"), (b"[1, 2]", "one mapping"), (b"slug: [", "invalid YAML at line"),
    (b"x" * (frameworks.MAX_BYTES + 1), "larger than"),
])
def test_what_is_not_a_framework_file_is_refused_saying_why(data, message):
    with pytest.raises(frameworks.FrameworkError, match=message):
        frameworks.read_file(data, "framework.yaml")


def test_loading_again_updates_by_slug_and_refuses_to_drop_a_scored_dimension(framework, countries):
    text = EXAMPLE.read_text().replace('name: "Data governance"', 'name: "Data governance and sharing"')
    result = frameworks.load(frameworks.read_file(text.encode(), "example.yaml"))
    assert not result.created and result.framework.pk == framework.pk
    assert Dimension.objects.get(framework=framework, code="data").name == "Data governance and sharing"
    assessment = Assessment.objects.create(framework=framework, country=countries["LCA"], date="2023-11-01")
    DimensionScore.objects.create(assessment=assessment, dimension=Dimension.objects.get(code="data"), score=1)
    without_data = text.split("  - code: data")[0] + "  - code: mindsets" + text.split("  - code: mindsets")[1]
    with pytest.raises(frameworks.FrameworkError, match="data cannot be removed"):
        frameworks.load(frameworks.read_file(without_data.encode(), "example.yaml"))
    assert Dimension.objects.filter(framework=framework, code="data").exists()  # the transaction rolled back
    index = text.replace("kind: levels", "kind: index").replace("weak_at_or_below: 2", "weak_at_or_below: 0.4")
    index = index.split("  levels:\n")[0] + "dimensions:" + index.split("\ndimensions:")[1]
    index = "\n".join(line for line in index.splitlines() if not line.startswith(("    levels:", "      1:",
                                                                                   "      3:", "      5:")))
    with pytest.raises(frameworks.FrameworkError, match="cannot become index"):
        frameworks.load(frameworks.read_file(index.encode(), "example.yaml"))


def test_a_dimension_no_assessment_uses_is_dropped_on_reload(framework):
    text = EXAMPLE.read_text()
    without_legal = text.split("  - code: legal")[0] + "  - code: services" + text.split("  - code: services")[1]
    result = frameworks.load(frameworks.read_file(without_legal.encode(), "example.yaml"))
    assert result.dimensions_removed == ["legal"]
    assert not Dimension.objects.filter(code="legal").exists()


def test_the_load_framework_command(db):
    out = io.StringIO()
    call_command("load_framework", str(EXAMPLE), stdout=out)
    assert "capdev-example-digital-government created: 6 dimensions, 12 questions" in out.getvalue()
    history = Framework.history.count() + Question.history.count()
    call_command("load_framework", str(EXAMPLE), stdout=out)
    assert "unchanged" in out.getvalue() and Framework.objects.count() == 1
    assert Framework.history.count() + Question.history.count() == history  # running it again changes nothing
    with pytest.raises(CommandError, match=r"(?s)not loaded:.*dimensions\[0\]\.questions\[0\]\.text: required"):
        call_command("load_framework", str(FILES / "framework-faulty.yaml"), stdout=out)
    call_command("load_framework", str(FILES / "example-index.json"), "--dry-run", stdout=out)
    assert "nothing written" in out.getvalue() and Framework.objects.count() == 1


def test_load_framework_helper_returns_the_framework(db):
    assert load_framework(FILES / "example-index.json").slug == "capdev-example-index"
