"""Relations between projects in IATI: related-activity with the type its kind maps to and Capdev's own element
stating the kind, read back by the import; another publisher's types read as the kinds they mean."""
import io

import pytest
from lxml import etree

from capdev.iati import export, mapping
from capdev.iati.importer import IatiImporter
from capdev.iati.validate import validate_bytes
from capdev.projects.models import Project, ProjectRelation, ReviewState

from ._helpers import FILES, schema

pytestmark = pytest.mark.django_db
NS = {"capdev": mapping.CAPDEV_NS}


def igf(year: int) -> Project:
    return Project.objects.get(title__startswith="Build on the existing structures", start_date__year=year)


def export_xml(qs) -> bytes:
    buf = io.BytesIO()
    export.write_activities(buf, qs)
    return buf.getvalue()


def related_of(doc, project) -> list[tuple[str, str, str]]:
    act = next(a for a in doc.iter("iati-activity") if a.findtext("iati-identifier") == export.identifier(project))
    return [(r.get("ref"), r.get("type"), r.find("capdev:relation", NS).get("kind"))
            for r in act.findall("related-activity")]


def test_each_side_of_a_relation_publishes_it_as_it_reads_it(portfolio):
    later, earlier = igf(2010), igf(2009)
    relation = ProjectRelation.objects.get(from_project=later, to_project=earlier)
    assert relation.kind == "previous_phase"  # the importer's proposal for the seed's two forum records
    xml = export_xml(export.projects_for_export())
    doc = etree.fromstring(xml)
    assert related_of(doc, later) == [(export.identifier(earlier), "3", "previous_phase")]
    assert related_of(doc, earlier) == [(export.identifier(later), "3", "follow_up")]
    if schema() is not None:  # Capdev's element sits where the schema allows another namespace's
        assert not [f for f in validate_bytes(xml) if f.is_error and "related" in f.message.lower()]
    relation.kind = ProjectRelation.Kind.DUPLICATE
    relation.save()
    doc = etree.fromstring(export_xml(export.projects_for_export()))
    assert related_of(doc, later) == [(export.identifier(earlier), "5", "duplicate")]


def test_a_relation_to_an_unpublished_project_stays_out_of_the_public_file(portfolio):
    later = igf(2010)
    hidden = Project.objects.create(title="Third forum, in review", review_state=ReviewState.IN_REVIEW, code="IGF-3")
    ProjectRelation.objects.create(from_project=hidden, to_project=later, kind=ProjectRelation.Kind.PREVIOUS_PHASE)
    doc = etree.fromstring(export_xml(export.projects_for_export()))
    assert [ref for ref, *_ in related_of(doc, later)] == [export.identifier(igf(2009))]


def test_the_import_reads_the_kind_back(portfolio, tmp_path):
    later, earlier = igf(2010), igf(2009)
    path = tmp_path / "portfolio.xml"
    path.write_bytes(export_xml(export.projects_for_export()))
    ids = {export.identifier(later): "later", export.identifier(earlier): "earlier"}
    Project.objects.all().delete()
    result = IatiImporter(publish=True).import_file(path)
    assert not result.refused
    relation = ProjectRelation.objects.get()  # both activities name each other: one relation
    seen = {ids[relation.from_project.iati_identifier], ids[relation.to_project.iati_identifier]}
    assert seen == {"later", "earlier"}
    kind_from_later = (relation.kind if ids[relation.from_project.iati_identifier] == "later"
                       else ProjectRelation.kind_seen_from(relation.kind, True))
    assert kind_from_later == "previous_phase"


def test_another_publishers_types_mean_related_or_duplicate(portfolio, tmp_path):
    good = (FILES / "good_activity.xml").read_bytes()
    doc = etree.fromstring(good)
    act = doc.find("iati-activity")
    second = etree.fromstring(etree.tostring(act))
    second.find("iati-identifier").text = "XM-DAC-41127-GOOD-2"
    third = etree.fromstring(etree.tostring(act))
    third.find("iati-identifier").text = "XM-DAC-41127-GOOD-3"
    doc.append(second)
    doc.append(third)

    def relate(el, ref, type_):
        new = etree.Element("related-activity", ref=ref, type=type_)
        results = el.findall("result")
        (results[0].addprevious(new) if results else el.append(new))

    relate(act, "XM-DAC-41127-GOOD-2", "1")  # parent
    relate(act, "XM-DAC-41127-GOOD-3", "5")  # a third party's report of the same activity
    relate(act, "XX-NOWHERE-1", "3")  # not in the registry: nothing to link
    relate(second, "XM-DAC-41127-GOOD-2", "3")  # itself: a finding, not a relation
    path = tmp_path / "related.xml"
    path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    result = IatiImporter().import_file(path)
    assert not result.refused and result.created == 3, [str(f) for f in result.findings[:5]]
    kinds = {(r.from_project.iati_identifier, r.to_project.iati_identifier): r.kind
             for r in ProjectRelation.objects.select_related("from_project", "to_project")
             .filter(from_project__iati_identifier__startswith="XM-DAC-41127-GOOD")}
    assert kinds == {("XM-DAC-41127-GOOD-1", "XM-DAC-41127-GOOD-2"): "related",
                     ("XM-DAC-41127-GOOD-1", "XM-DAC-41127-GOOD-3"): "duplicate"}
    assert any(f.path == "related-activity/@ref" for f in result.findings)
