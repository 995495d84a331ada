"""Translations of a project's texts through IATI: each is a `narrative xml:lang` beside the original's, and an
import reads several narratives per element back into the original and its translations (round trip)."""
import pytest
from lxml import etree

from capdev.iati.importer import IatiImporter
from capdev.iati.validate import validate_bytes
from capdev.projects.models import Project
from capdev.texts.models import OutcomeTranslation, ProjectTranslation

from ._helpers import FILES, schema
from .test_import import export_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GOOD = (FILES / "good_activity.xml").read_text(encoding="utf-8")
IDENTIFIER = "XM-DAC-41127-GOOD-1"


def _import(tmp_path, xml: str | bytes) -> Project:
    path = tmp_path / "activity.xml"
    path.write_bytes(xml if isinstance(xml, bytes) else xml.encode("utf-8"))
    result = IatiImporter(publish=True).import_file(path)
    assert not result.refused, result.refusal
    return Project.objects.get(iati_identifier=IDENTIFIER)


def texts_of(project: Project) -> dict:
    """Everything a round trip must keep: the texts, their language, every translation."""
    outcomes = list(project.outcomes.order_by("position"))
    return {
        "language": project.language, "title": project.title, "summary": project.summary,
        "objective": project.objective, "background": project.background,
        "translations": sorted(ProjectTranslation.objects.filter(project=project).values_list(
            "field", "language", "text")),
        "outcomes": [(o.text, sorted(o.translations.values_list("language", "text"))) for o in outcomes],
    }


@pytest.fixture
def translated(db, tmp_path):
    """The good activity, imported, in French, with translations into English, Chinese and Arabic."""
    project = _import(tmp_path, GOOD)
    Project.objects.filter(pk=project.pk).update(
        language="fr", title="Administration numérique", summary="Des services publics en ligne.",
        objective="Des fonctionnaires formés.")
    project.refresh_from_db()
    for field, language, text in (("title", "en", "Digital administration"), ("title", "zh-hans", "数字行政"),
                                  ("title", "ar", "الإدارة الرقمية"), ("summary", "en", "Online public services."),
                                  ("objective", "es", "Funcionarios formados.")):
        ProjectTranslation.objects.create(project=project, field=field, language=language, text=text)
    outcome = project.outcomes.order_by("position").first()
    assert outcome is not None, "the good activity has a result"
    OutcomeTranslation.objects.create(outcome=outcome, language="en", text="Officials trained in e-services.")
    return project


def narratives(element) -> list[tuple[str | None, str]]:
    return [(n.get(XML_LANG), n.text) for n in element.findall("narrative")]


def test_each_translation_is_a_narrative_with_its_language(translated):
    activity = etree.fromstring(export_xml()).find("iati-activity")
    assert activity.get(XML_LANG) == "fr"
    # The original first, without xml:lang (the activity's own); each translation with its ISO 639-1 code.
    assert narratives(activity.find("title")) == [
        (None, "Administration numérique"), ("ar", "الإدارة الرقمية"), ("en", "Digital administration"),
        ("zh", "数字行政")]
    assert narratives(activity.find("description[@type='1']")) == [
        (None, "Des services publics en ligne."), ("en", "Online public services.")]
    assert narratives(activity.find("description[@type='2']")) == [
        (None, "Des fonctionnaires formés."), ("es", "Funcionarios formados.")]
    assert ("en", "Officials trained in e-services.") in narratives(activity.find("result/title"))


def test_the_export_with_translations_is_valid(translated):
    xsd = schema()
    if xsd is None:
        pytest.skip("the IATI XSD is not in shared/ (set CAPDEV_SHARED)")
    xml = export_xml()
    assert xsd.validate(etree.fromstring(xml)), xsd.error_log
    errors = [f for f in validate_bytes(xml, "translated.xml") if f.is_error]
    assert not errors, [str(f) for f in errors]


def test_texts_and_translations_round_trip_into_a_fresh_registry(translated, tmp_path):
    before = texts_of(translated)
    xml = export_xml()
    Project.objects.all().delete()
    assert not ProjectTranslation.objects.exists() and not OutcomeTranslation.objects.exists()
    after = texts_of(_import(tmp_path, xml))
    assert after == before
    assert export_xml().replace(b"\n", b"").count(b'xml:lang="zh"') == 1  # and out again the same


def test_a_reimport_replaces_the_translations_it_wrote(translated, tmp_path):
    xml = export_xml().replace(b"Digital administration", b"Digital public administration")
    project = _import(tmp_path, xml)
    assert ProjectTranslation.objects.get(project=project, field="title", language="en").text == \
        "Digital public administration"
    assert ProjectTranslation.objects.filter(project=project, field="title").count() == 3


def test_several_narratives_of_a_foreign_file_keep_its_original_and_its_un_languages(db, tmp_path):
    xml = GOOD.replace('<iati-activity xml:lang="en"', '<iati-activity xml:lang="es"', 1)
    title = GOOD.split("<title><narrative>", 1)[1].split("</narrative>", 1)[0]
    xml = xml.replace(f"<title><narrative>{title}</narrative>",
                      f'<title><narrative>Gobierno digital</narrative><narrative xml:lang="en">{title}</narrative>'
                      '<narrative xml:lang="pt">Governo digital</narrative>'
                      '<narrative xml:lang="ES">Duplicado</narrative>', 1)
    project = _import(tmp_path, xml)
    assert (project.title, project.language) == ("Gobierno digital", "es")
    # English is a translation; Portuguese is not one of the six UN languages (it stays in the kept XML);
    # a second narrative in the original's language is not a translation of it.
    assert list(ProjectTranslation.objects.filter(project=project).values_list("field", "language", "text")) == [
        ("title", "en", title)]
    assert "Governo digital" in project.sources.get().text


def test_a_project_without_translations_exports_one_narrative_per_element(db, tmp_path):
    _import(tmp_path, GOOD)
    activity = etree.fromstring(export_xml()).find("iati-activity")
    assert all(len(el.findall("narrative")) == 1 for el in activity.iter("title", "description"))


def test_a_draft_translation_is_not_in_the_public_file(translated, client, django_user_model):
    from capdev.accounts.roles import assign_role
    from capdev.editor import workflow

    user = django_user_model.objects.create_user("rev", password="x" * 12)
    assign_role(user, "reviewer")
    copy = workflow.editable_target(translated, user)
    ProjectTranslation.objects.create(project=copy, field="objective", language="ru", text="Черновик")
    ProjectTranslation.objects.filter(project=copy, field="title", language="en").update(text="Draft title")
    public = client.get("/iati/activities.xml")
    body = b"".join(public.streaming_content) if public.streaming else public.content
    assert "Черновик".encode() not in body and b"Draft title" not in body
    assert b"Digital administration" in body
    workflow.publish(copy, user, override_reason="test")
    body = client.get("/iati/activities.xml")
    body = b"".join(body.streaming_content) if body.streaming else body.content
    assert "Черновик".encode() in body and b"Draft title" in body
