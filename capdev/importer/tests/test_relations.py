"""The kind of relation the importer proposes between records, and what it flags for the reviewers."""
import pytest

from capdev.importer import relations
from capdev.importer.loader import FileResult, RecordLoader
from capdev.narrative.types import PartialDate
from capdev.projects.models import Project, ProjectRelation, ReviewFlag

from .test_loader import make_record, reference_rows  # noqa: F401 - the loader tests' reference data

pytestmark = pytest.mark.django_db


def rec(index, code=None, title="Internet Governance Forum", start=None, end=None, proposed=False):
    """A project's facts as the loader reads them back (its key standing for its place in the file)."""
    return relations.Facts(pk=index + 1, code=code, title=title, title_is_proposed=proposed,
                           start=PartialDate(*start) if start else None, end=PartialDate(*end) if end else None)


def test_consecutive_years_are_a_previous_phase_read_from_the_later_record():
    earlier, later = rec(0, start=(2009, 1), end=(2009, 12), proposed=True), rec(1, start=(2010, 9), end=(2010, 9),
                                                                                  proposed=True)
    found = relations.propose(earlier, later, by_text=True)
    assert (found.first, found.second, found.kind, found.sure) == (2, 1, "previous_phase", False)  # text alone: flag
    assert "next phase of" in found.reason and "(2009)" in found.reason
    # The same, when a code family or the source's own titles say so too: sure, no flag.
    a, b = rec(0, "ZAI/08/001", start=(2008,), end=(2008,)), rec(1, "ZAI/09/001", start=(2009,), end=(2010,))
    found = relations.propose(b, a, by_text=False)
    assert (found.first, found.second, found.kind, found.sure) == (2, 1, "previous_phase", True)
    titled = rec(0, title="Internet Governance Forum 2009", start=(2009,), end=(2009,))
    titled_next = rec(1, title="Internet Governance Forum 2010", start=(2010,), end=(2010,))
    assert relations.propose(titled, titled_next, by_text=False).sure


@pytest.mark.parametrize("a, b, by_text, kind, sure", [
    # The same time frame and nearly the same text: the same project recorded twice.
    ((2009, 1), (2009, 12), True, "duplicate", False),
    # Overlapping periods: parallel projects alike, not phases.
    ((2009, 6), (2011, 12), True, "related", True),
    # Years apart, one family: a later phase, but the gap is a doubt.
    ((2013, 1), (2014, 12), False, "previous_phase", False),
])
def test_other_patterns_get_the_kind_they_justify(a, b, by_text, kind, sure):
    first = rec(0, "IGF-2009", start=(2009, 1), end=(2009, 12))
    second = rec(1, "IGF-2010", start=a, end=b)
    found = relations.propose(first, second, by_text=by_text)
    assert (found.kind, found.sure) == (kind, sure)


def test_no_dates_say_related_only():
    assert relations.propose(rec(0), rec(1), by_text=True).kind == "related"


def test_code_and_title_families():
    assert relations.same_code_family("ZAI/08/001", "ZAI/09/001") and relations.same_code_family("IGF-2009", "IGF-2010")
    assert not relations.same_code_family("ZAI/08/001", "ZAI/09/002")  # two numbers differ
    assert relations.code_family_key("2122M") is None  # one number and a letter: a code, not a family
    assert relations.code_family_key("IGF-2009") == "IGF/#"
    assert relations.title_family_key("Strategic planning, phase I", False) == relations.title_family_key(
        "Strategic Planning Phase 2", False) == "strategic planning"
    assert relations.title_family_key("Made up", True) is None  # a title the importer proposed says nothing


def test_the_loader_writes_the_proposed_kind_and_flags_a_doubt_as_a_warning():
    a = make_record(index=0, code=None, title="Build on Internet governance", text="igf 2009")
    b = make_record(index=1, code=None, title="Build on Internet governance", text="igf 2010", related_to=[0])
    a.title_is_proposed = b.title_is_proposed = True
    a.start, a.end, b.start, b.end = (PartialDate(2009, 1), PartialDate(2009, 12),
                                      PartialDate(2010, 9), PartialDate(2010, 9))
    RecordLoader().load_records([a, b], FileResult("igf.txt"), file_sha="e" * 64)
    relation = ProjectRelation.objects.get()
    later = Project.objects.get(start_date__year=2010)
    assert (relation.from_project, relation.kind) == (later, "previous_phase")
    assert relation.to_project.start_date.year == 2009
    flag = ReviewFlag.objects.get(field="relations")
    assert flag.project == later and flag.severity == "warning" and "next phase" in flag.reason
    # An editor's kind stands on re-import, and no new doubt is raised about it.
    relation.kind, relation.note = "related", ""
    relation.save()
    flag.delete()
    RecordLoader(update=True).load_records([a, b], FileResult("igf.txt"), file_sha="e" * 64)
    assert list(ProjectRelation.objects.values_list("kind", flat=True)) == ["related"]
    assert not ReviewFlag.objects.filter(field="relations").exists()


def test_a_code_family_in_one_file_is_linked_without_a_text_in_common():
    a = make_record(index=0, code="ZAI/08/001", text="one text", title="Judicial reform support")
    b = make_record(index=1, code="ZAI/09/001", text="another text", title="Support to the judiciary")
    c = make_record(index=2, code="ZAI/09/002", text="a third text",  # differs from ZAI/08/001 in two numbers
                    title="Census preparation")
    a.start, a.end, b.start, b.end = PartialDate(2008), PartialDate(2008), PartialDate(2009), PartialDate(2010)
    c.start, c.end = PartialDate(2009), PartialDate(2010)
    # In batches of one: the family is remembered from one batch to the next (the records themselves are not).
    RecordLoader(batch=1).load_records([a, b, c], FileResult("zai.txt"), file_sha="d" * 64)
    found = {(r.from_project.code, r.kind, r.to_project.code) for r in ProjectRelation.objects.all()}
    assert ("ZAI/09/001", "previous_phase", "ZAI/08/001") in found
    assert not any({"ZAI/08/001", "ZAI/09/002"} == {a, b} for a, _k, b in found)
    assert not ReviewFlag.objects.filter(field="relations").exists()  # a code family and consecutive years: sure
