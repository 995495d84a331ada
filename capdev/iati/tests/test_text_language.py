"""The language of a project's texts comes in with IATI and goes out with it (Project.language, xml:lang)."""
from lxml import etree

from capdev.iati.importer import IatiImporter
from capdev.projects.models import Project

from ._helpers import FILES
from .test_import import export_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GOOD = (FILES / "good_activity.xml").read_text(encoding="utf-8")


def _import(tmp_path, xml: str) -> Project:
    path = tmp_path / "activity.xml"
    path.write_text(xml, encoding="utf-8")
    result = IatiImporter(publish=True).import_file(path)
    assert result.created + result.updated == 1
    return Project.objects.get(iati_identifier="XM-DAC-41127-GOOD-1")


def test_the_activitys_language_is_the_projects(db, tmp_path):
    project = _import(tmp_path, GOOD.replace('<iati-activity xml:lang="en"', '<iati-activity xml:lang="fr"', 1))
    assert project.language == "fr"


def test_a_title_in_another_language_than_the_activitys_gives_its_own(db, tmp_path):
    xml = GOOD.replace("<title><narrative>", '<title><narrative xml:lang="es">', 1)
    assert _import(tmp_path, xml).language == "es"


def test_chinese_is_the_interfaces_chinese(db, tmp_path):
    xml = GOOD.replace('<iati-activity xml:lang="en"', '<iati-activity xml:lang="zh"', 1)
    assert _import(tmp_path, xml).language == "zh-hans"


def test_the_language_round_trips(db, tmp_path):
    _import(tmp_path, GOOD.replace('<iati-activity xml:lang="en"', '<iati-activity xml:lang="ru"', 1))
    exported = etree.fromstring(export_xml())
    activity = exported.find("iati-activity")
    assert activity.get(XML_LANG) == "ru"
    project = _import(tmp_path, etree.tostring(exported, encoding="unicode"))
    assert project.language == "ru"


def test_an_edited_language_is_exported(db, tmp_path):
    project = _import(tmp_path, GOOD)
    assert project.language == "en"
    Project.objects.filter(pk=project.pk).update(language="es")
    assert etree.fromstring(export_xml()).find("iati-activity").get(XML_LANG) == "es"
