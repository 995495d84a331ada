"""Assessment frameworks from a file (YAML or JSON, the format of docs/assessments.md) into the database.

`read_file` turns bytes into the framework's data, checked whole: every problem is reported with where it is
(`dimensions[2].questions[0].text: required`) and nothing is written while there is one. `load` writes it in one
transaction, updating the framework of the same slug: dimensions are matched by code, their questions and
level descriptions replaced. A dimension that assessments have scored cannot be dropped, nor the scale of a
framework in use changed: the scores would lose their meaning.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .models import SCALE_RANGE, Dimension, Framework, Level, Question, ScaleKind

FORMAT = "capdev-assessment-framework/1"
MAX_BYTES = 1_000_000
MAX_DIMENSIONS = 100
MAX_QUESTIONS = 200  # per dimension
SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
TOP_KEYS = {"format", "slug", "name", "version", "description", "publisher", "url", "example", "scale",
            "dimensions"}
SCALE_KEYS = {"kind", "weak_at_or_below", "levels"}
DIMENSION_KEYS = {"code", "name", "description", "levels", "questions"}
QUESTION_KEYS = {"code", "text", "kind"}
LEVEL_KEYS = {"level", "label", "description"}


class FrameworkError(Exception):
    """The file is not a framework Capdev can load: each problem says where it is."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadResult:
    """What loading a framework did."""

    framework: Framework
    created: bool
    unchanged: bool = False
    dimensions_added: list[str] = field(default_factory=list)
    dimensions_removed: list[str] = field(default_factory=list)
    questions: int = 0


class _NoAliases(yaml.SafeLoader):
    """YAML without anchors and aliases: a few aliases can stand for an exponential amount of data."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted", event.start_mark)
        return super().compose_node(parent, index)


def parse(data: bytes, name: str = "") -> dict[str, Any]:
    """The file's content as a mapping (JSON, or YAML); FrameworkError when it is neither or too large."""
    if len(data) > MAX_BYTES:
        raise FrameworkError([_("%(name)s: the file is larger than %(limit)s bytes.")
                              % {"name": name or _("the file"), "limit": f"{MAX_BYTES:,}"}])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError([_("%(name)s: not UTF-8 text (byte %(at)d).") % {"name": name, "at": exc.start}]) from None
    try:
        if name.lower().endswith(".json"):
            content = json.loads(text)
        else:
            content = yaml.load(text, Loader=_NoAliases)  # noqa: S506 - a safe loader that refuses aliases
    except json.JSONDecodeError as exc:
        raise FrameworkError([_("%(name)s: invalid JSON at line %(line)d, column %(col)d: %(msg)s")
                              % {"name": name, "line": exc.lineno, "col": exc.colno, "msg": exc.msg}]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" at line %(line)d") % {"line": mark.line + 1} if mark is not None else ""
        raise FrameworkError([_("%(name)s: invalid YAML%(where)s: %(msg)s")
                              % {"name": name, "where": where, "msg": getattr(exc, "problem", None) or exc}]) from None
    if not isinstance(content, dict):
        raise FrameworkError([_("%(name)s: a framework file holds one mapping (slug, name, scale, dimensions).")
                              % {"name": name}])
    return content


class _Checker:
    """Collects the problems of a framework's data, each with its path."""

    def __init__(self):
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, where: str, value: Any, allowed: set[str]) -> bool:
        if not isinstance(value, dict):
            self.fail(where, _("expected a mapping"))
            return False
        for key in value:
            if key not in allowed:
                self.fail(f"{where}.{key}" if where else str(key),
                          _("unknown key (known: %(keys)s)") % {"keys": ", ".join(sorted(allowed))})
        return True

    def text(self, where: str, value: Any, *, required: bool = False, limit: int | None = None) -> str:
        if value is None or value == "":
            if required:
                self.fail(where, _("required"))
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(where, _("expected text"))
            return ""
        value = str(value).strip()
        if limit is not None and len(value) > limit:
            self.fail(where, _("longer than %(n)d characters") % {"n": limit})
        return value

    def code(self, where: str, value: Any, limit: int) -> str:
        value = self.text(where, value, required=True, limit=limit)
        if value and not SLUG.match(value):
            self.fail(where, _("“%(value)s” is not a code: lower-case letters, digits, and - _ . between them")
                      % {"value": value})
        return value

    def number(self, where: str, value: Any) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(where, _("expected a number"))
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(where, _("“%(value)s” is not a number") % {"value": value})
            return None
        return number if number.is_finite() else None


def check(content: dict[str, Any]) -> dict[str, Any]:
    """The framework's data, normalised; FrameworkError listing every problem, with where."""
    c = _Checker()
    c.keys("", content, TOP_KEYS)
    fmt = content.get("format", FORMAT)
    if fmt != FORMAT:
        c.fail("format", _("“%(value)s” is not %(format)s") % {"value": fmt, "format": FORMAT})
    out: dict[str, Any] = {
        "slug": c.code("slug", content.get("slug"), 80),
        "name": c.text("name", content.get("name"), required=True, limit=300),
        "version": c.text("version", content.get("version"), limit=40),
        "description": c.text("description", content.get("description")),
        "publisher": c.text("publisher", content.get("publisher"), limit=300),
        "url": c.text("url", content.get("url"), limit=200),
        "is_example": content.get("example", False),
    }
    if not isinstance(out["is_example"], bool):
        c.fail("example", _("expected true or false"))
    scale = content.get("scale")
    if scale is None:
        c.fail("scale", _("required"))
        scale = {}
    if c.keys("scale", scale, SCALE_KEYS):
        kind = scale.get("kind")
        if kind not in ScaleKind.values:
            c.fail("scale.kind", _("one of %(kinds)s, not “%(value)s”") % {"kinds": ", ".join(ScaleKind.values),
                                                                              "value": kind})
            kind = ScaleKind.LEVELS
        out["scale"] = kind
        low, high = SCALE_RANGE[ScaleKind(kind)]
        weak = c.number("scale.weak_at_or_below", scale.get("weak_at_or_below", 2 if kind == "levels" else "0.4"))
        if weak is not None and not low <= weak <= high:
            c.fail("scale.weak_at_or_below", _("must lie between %(low)s and %(high)s") % {"low": low, "high": high})
        out["weak_at_or_below"] = weak
        out["levels"] = _levels(c, "scale.levels", scale.get("levels"), kind, full=True)
    out["dimensions"] = _dimensions(c, content.get("dimensions"), out.get("scale", ScaleKind.LEVELS))
    if c.problems:
        raise FrameworkError(c.problems)
    return out


def _levels(c: _Checker, where: str, value: Any, kind: str, *, full: bool) -> dict[int, tuple[str, str]]:
    """Level descriptions: a list of {level, label, description}, or (for a dimension) a mapping level -> text."""
    if value in (None, [], {}):
        return {}
    if kind != ScaleKind.LEVELS:
        c.fail(where, _("an index scale has no levels"))
        return {}
    levels: dict[int, tuple[str, str]] = {}
    items = (list(value.items()) if isinstance(value, dict) and not full
             else [(None, v) for v in value] if isinstance(value, list) else None)
    if items is None:
        c.fail(where, _("expected a list of levels") if full else _("expected a mapping of level to description"))
        return {}
    for i, (key, item) in enumerate(items):
        at = f"{where}[{i}]" if key is None else f"{where}.{key}"
        if key is None:
            if not c.keys(at, item, LEVEL_KEYS):
                continue
            number, label = item.get("level"), c.text(f"{at}.label", item.get("label"), limit=100)
            description = c.text(f"{at}.description", item.get("description"))
        else:
            number, label, description = key, "", c.text(at, item, required=True)
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = None
        if number is None or not 1 <= number <= 5:
            c.fail(at, _("a level is a whole number from 1 to 5"))
            continue
        if number in levels:
            c.fail(at, _("level %(n)d is given twice") % {"n": number})
        levels[number] = (label, description)
    return levels


def _dimensions(c: _Checker, value: Any, kind: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        c.fail("dimensions", _("a list of at least one dimension is required"))
        return []
    if len(value) > MAX_DIMENSIONS:
        c.fail("dimensions", _("more than %(n)d dimensions") % {"n": MAX_DIMENSIONS})
        return []
    out, codes = [], set()
    for i, item in enumerate(value):
        at = f"dimensions[{i}]"
        if not c.keys(at, item, DIMENSION_KEYS):
            continue
        code = c.code(f"{at}.code", item.get("code"), 60)
        if code in codes:
            c.fail(f"{at}.code", _("“%(code)s” is the code of an earlier dimension") % {"code": code})
        codes.add(code)
        questions = item.get("questions") or []
        if not isinstance(questions, list) or len(questions) > MAX_QUESTIONS:
            c.fail(f"{at}.questions", _("expected a list of at most %(n)d questions") % {"n": MAX_QUESTIONS})
            questions = []
        parsed, question_codes = [], set()
        for j, q in enumerate(questions):
            qat = f"{at}.questions[{j}]"
            if not c.keys(qat, q, QUESTION_KEYS):
                continue
            qcode = c.text(f"{qat}.code", q.get("code"), limit=60) or f"{code}.{j + 1}"
            if qcode in question_codes:
                c.fail(f"{qat}.code", _("“%(code)s” is given twice") % {"code": qcode})
            question_codes.add(qcode)
            qkind = q.get("kind", Question.Kind.QUESTION)
            if qkind not in Question.Kind.values:
                c.fail(f"{qat}.kind", _("question or indicator, not “%(value)s”") % {"value": qkind})
            parsed.append({"code": qcode, "kind": qkind, "text": c.text(f"{qat}.text", q.get("text"), required=True)})
        out.append({"code": code, "name": c.text(f"{at}.name", item.get("name"), required=True, limit=300),
                    "description": c.text(f"{at}.description", item.get("description")),
                    "levels": _levels(c, f"{at}.levels", item.get("levels"), kind, full=False),
                    "questions": parsed})
    return out


def read_file(data: bytes, name: str = "") -> dict[str, Any]:
    """A framework file's checked data (FrameworkError otherwise)."""
    return check(parse(data, name))


def as_data(framework: Framework) -> dict[str, Any]:
    """A framework in the database as check() gives a file's data (to tell whether a file changes anything)."""
    levels = {(lv.dimension_id, lv.value): (lv.label, lv.description) for lv in framework.levels.all()}
    return {
        "slug": framework.slug, "name": framework.name, "version": framework.version,
        "description": framework.description, "publisher": framework.publisher, "url": framework.url,
        "is_example": framework.is_example, "scale": framework.scale, "weak_at_or_below": framework.weak_at_or_below,
        "levels": {n: v for (d, n), v in levels.items() if d is None},
        "dimensions": [{"code": d.code, "name": d.name, "description": d.description,
                        "levels": {n: ("", v[1]) for (dim, n), v in levels.items() if dim == d.pk},
                        "questions": [{"code": q.code, "kind": q.kind, "text": q.text} for q in d.questions.all()]}
                       for d in framework.dimensions.prefetch_related("questions")],
    }


@transaction.atomic
def load(data: dict[str, Any]) -> LoadResult:
    """Write checked framework data (read_file's), creating or updating the framework of its slug; a file that
    says what the database holds already writes nothing."""
    framework = Framework.objects.select_for_update().filter(slug=data["slug"]).first()
    if framework is not None and as_data(framework) == {**data, "dimensions": [
            {**d, "levels": {n: ("", text) for n, (_label, text) in d["levels"].items()}} for d in data["dimensions"]]}:
        return LoadResult(framework=framework, created=False, unchanged=True,
                          questions=sum(len(d["questions"]) for d in data["dimensions"]))
    created = framework is None
    if created:
        framework = Framework(slug=data["slug"])
    elif framework.scale != data["scale"] and framework.assessments.exists():
        raise FrameworkError([_("scale.kind: %(slug)s is used by assessments scored on its %(old)s scale; it "
                                "cannot become %(new)s") % {"slug": data["slug"], "old": framework.scale,
                                                            "new": data["scale"]}])
    for name in ("name", "version", "description", "publisher", "url", "is_example", "scale", "weak_at_or_below"):
        setattr(framework, name, data[name])
    framework.save()
    result = LoadResult(framework=framework, created=created)

    existing = {d.code: d for d in framework.dimensions.all()}
    wanted = [d["code"] for d in data["dimensions"]]
    dropped = [d for code, d in existing.items() if code not in wanted]
    blocked = [d.code for d in dropped if d.scores.exists() or d.priorities.exists() or d.links.exists()]
    if blocked:
        raise FrameworkError([_("dimensions: %(codes)s cannot be removed: assessments use them (keep them in the "
                                "file)") % {"codes": ", ".join(blocked)}])
    for dimension in dropped:
        dimension.delete()
    result.dimensions_removed = [d.code for d in dropped]

    Level.objects.filter(framework=framework).delete()
    bulk_create_with_history([Level(framework=framework, value=n, label=label, description=text)
                              for n, (label, text) in sorted(data.get("levels", {}).items())], Level)
    for position, item in enumerate(data["dimensions"]):
        dimension = existing.get(item["code"]) or Dimension(framework=framework, code=item["code"])
        if dimension.pk is None:
            result.dimensions_added.append(item["code"])
        dimension.name, dimension.description, dimension.position = item["name"], item["description"], position
        dimension.save()
        dimension.questions.all().delete()
        bulk_create_with_history([Question(dimension=dimension, position=i, **q)
                                  for i, q in enumerate(item["questions"])], Question)
        result.questions += len(item["questions"])
        bulk_create_with_history([Level(framework=framework, dimension=dimension, value=n, description=text)
                                  for n, (_label, text) in sorted(item["levels"].items())], Level)
    return result
