"""Regions, SDG targets, thematic areas and related projects in the editor: typed, saved, shown back, refused."""
import pytest
from django.urls import reverse

from capdev.editor import history, tree, workflow
from capdev.projects.models import (
    Project,
    ProjectRegion,
    ProjectRelation,
    ProjectSdgGoal,
    ProjectSdgTarget,
    ProjectThematicArea,
    ReviewState,
    ThematicArea,
)

from .helpers import error_beside, form_values


@pytest.fixture
def draft(pacb_project):
    pacb_project.review_state = ReviewState.DRAFT
    pacb_project.save()
    return pacb_project


def _with_rows(client, url: str, prefixes: list[str]) -> dict:
    """The edit page's values after adding one row to each of these lists."""
    data = form_values(client.get(url), url)
    for prefix in prefixes:
        data = form_values(client.post(url, {**data, "add": prefix}), url)
    return data


def test_regions_targets_and_thematic_areas_are_chosen_by_typing_and_saved(staff, draft, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:edit", args=[draft.pk])
    ProjectSdgGoal.objects.filter(project=draft, goal_id=16).delete()
    data = _with_rows(client, url, ["region_links", "sdg_target_links", "thematic_area_links"])
    n = {p: int(data[f"{p}-TOTAL_FORMS"]) - 1 for p in ("region_links", "sdg_target_links", "thematic_area_links")}
    data.update({f"region_links-{n['region_links']}-region": "Caribbean",
                 f"region_links-{n['region_links']}-percentage": "40",
                 f"sdg_target_links-{n['sdg_target_links']}-target": "16.6",
                 f"thematic_area_links-{n['thematic_area_links']}-thematic_area": "Digital government",
                 "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    region = ProjectRegion.objects.get(project=draft)
    assert region.region.name == "Caribbean" and region.percentage == 40
    assert list(ProjectSdgTarget.objects.filter(project=draft).values_list("target_id", flat=True)) == ["16.6"]
    assert ProjectSdgGoal.objects.filter(project=draft, goal_id=16).exists()  # the target's goal, linked with it
    # A new area is created as typed; another project typing it in other capitals gets the same one.
    assert list(ThematicArea.objects.values_list("name", flat=True)) == ["Digital government"]
    assert ProjectThematicArea.objects.filter(project=draft).count() == 1
    other = Project.objects.create(title="Another draft", review_state=ReviewState.DRAFT, lead_unit=draft.lead_unit)
    other_url = reverse("editor:edit", args=[other.pk])
    other_data = _with_rows(client, other_url, ["thematic_area_links"])
    other_data.update({"thematic_area_links-0-thematic_area": "digital GOVERNMENT", "action": "save"})
    assert client.post(other_url, other_data).status_code == 302
    assert ThematicArea.objects.count() == 1
    assert other.thematic_area_links.get().thematic_area.name == "Digital government"
    # Shown back as chosen, and in the history under their own headings.
    page = form_values(client.get(url), url)
    assert page["region_links-0-region"] == "Caribbean [029]" and page["sdg_target_links-0-target"].startswith("16.6")
    assert page["thematic_area_links-0-thematic_area"] == "Digital government [digital-government]"
    titles = [node.title for node in history.versions(draft.pk)[-1].nodes]
    assert {"Regions served", "SDG targets", "Thematic areas", "SDG goals"} <= set(titles), titles


def test_an_unknown_region_or_target_is_refused_beside_its_field(staff, draft, client):
    client.force_login(staff["pacb"])
    url = reverse("editor:edit", args=[draft.pk])
    data = _with_rows(client, url, ["region_links", "sdg_target_links"])
    data.update({"region_links-0-region": "Atlantis", "sdg_target_links-0-target": "16.99", "action": "save"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "No single match" in error_beside(response, "id_region_links-0-region")
    assert "No single match" in error_beside(response, "id_sdg_target_links-0-target")
    assert not ProjectRegion.objects.filter(project=draft).exists()


def test_a_relation_to_another_project_has_a_kind_both_pages_read(staff, draft, client):
    earlier = Project.objects.published().exclude(pk=draft.pk).order_by("pk").first()
    client.force_login(staff["pacb"])
    url = reverse("editor:edit", args=[draft.pk])
    lookup = client.get(reverse("editor:lookup", args=["projects"]), {"q": earlier.title[:12]}).content.decode()
    assert f"[{earlier.pk}]" in lookup  # suggested by its title
    data = _with_rows(client, url, ["relations_from"])
    data.update({"relations_from-0-kind": "previous_phase", "relations_from-0-to_project": f"x [{earlier.pk}]",
                 "relations_from-0-note": "Second phase", "action": "save"})
    assert client.post(url, data).status_code == 302
    relation = ProjectRelation.objects.get(from_project=draft)
    assert (relation.to_project, relation.kind, relation.note) == (earlier, "previous_phase", "Second phase")
    # The other project's page reads it the other way round, and its editor lists it as a link from here.
    assert f"Follow-up</span>: <a href=\"/projects/{draft.pk}/\"" in client.get(
        reverse("projects:detail", args=[earlier.pk])).content.decode()
    client.force_login(staff["reviewer"])
    copy = workflow.start_working_copy(earlier, staff["reviewer"])
    page = client.get(reverse("editor:edit", args=[copy.pk])).content.decode()
    assert "Other projects link to this one" in page and page.count(f'href="/projects/{draft.pk}/edit/"') == 1


def test_a_project_is_not_related_to_itself_nor_a_copy_to_its_original(staff, pacb_project, client):
    client.force_login(staff["reviewer"])
    copy = workflow.start_working_copy(pacb_project, staff["reviewer"])
    url = reverse("editor:edit", args=[copy.pk])
    for target in (copy.pk, pacb_project.pk):
        data = _with_rows(client, url, ["relations_from"])
        data.update({"relations_from-0-kind": "related", "relations_from-0-to_project": f"[{target}]",
                     "action": "save"})
        response = client.post(url, data)
        assert response.status_code == 200
        assert error_beside(response, "id_relations_from-0-to_project"), target
    assert not ProjectRelation.objects.filter(from_project=copy).exists()


def test_a_working_copys_relations_are_published_onto_the_original(staff, pacb_project):
    other = Project.objects.published().exclude(pk=pacb_project.pk).order_by("pk").first()
    copy = workflow.start_working_copy(pacb_project, staff["reviewer"])
    ProjectRelation.objects.create(from_project=copy, to_project=other, kind=ProjectRelation.Kind.FOLLOW_UP)
    assert not ProjectRelation.objects.filter(from_project=pacb_project).exists()  # public: not yet
    for flag in workflow.open_flags(copy):
        workflow.resolve_flag(flag, staff["reviewer"], "accepted")
    workflow.publish(copy, staff["reviewer"])
    relation = ProjectRelation.objects.get(from_project=pacb_project)
    assert (relation.to_project, relation.kind) == (other, "follow_up")
    assert "relations" in tree.NODES


def test_a_link_held_by_a_project_with_a_working_copy_is_listed_once_on_the_other(staff, client):
    """The copy carries its original's relations: the other project's page listed the link twice."""
    first, second = Project.objects.published().order_by("pk")[:2]
    ProjectRelation.objects.create(from_project=second, to_project=first, kind=ProjectRelation.Kind.PREVIOUS_PHASE)
    workflow.start_working_copy(second, staff["reviewer"])
    client.force_login(staff["reviewer"])
    page = client.get(reverse("editor:edit", args=[workflow.start_working_copy(first, staff["reviewer"]).pk]))
    text = page.content.decode()
    assert text.count(f'href="/projects/{second.pk}/edit/"') == 1 and "Follow-up" in text
