"""A person named as a partner never reaches the public registry (round 10): imported, published, and read as the
public reads it (the project page, the API, the organisations list), the record names its bodies and no person."""
import io

import pytest
from django.core.management import call_command

from capdev.organisations.models import Organisation
from capdev.projects.models import Project, ReviewFlag, ReviewState

from .test_command import FILES, run

pytestmark = pytest.mark.django_db

PERSONS = FILES / "round10" / "persons"


@pytest.fixture(autouse=True)
def reference():
    call_command("load_reference", stdout=io.StringIO())


@pytest.mark.parametrize("name,body,people", [
    ("es_socios.txt", "Contraloría General de la República", ["Juan Pérez", "María Fernanda López"]),
    ("fr_bailleurs.txt", "Coopération suisse", ["Aïcha Ba", "Jean-Pierre Ndiaye"]),
])
def test_people_named_as_partners_stay_out_of_every_public_channel(client, name, body, people):
    assert "1 records, 1 created" in run(PERSONS / name)
    project = Project.objects.get()
    Project.objects.filter(pk=project.pk).update(review_state=ReviewState.PUBLISHED)
    names = [str(o) for o in Organisation.objects.all()] + [o.name for o in Organisation.objects.all()]
    assert any(body in n for n in names)
    pages = [client.get(f"/projects/{project.pk}/"), client.get(f"/api/projects/{project.pk}/"),
             client.get("/api/organisations/")]
    assert [p.status_code for p in pages] == [200, 200, 200]
    public = "".join(p.content.decode() for p in pages)
    assert body.split()[0] in public
    for person in people:
        assert not any(person in n for n in names), person
        assert person not in public, person
        # The reviewer is told, on the flag the review queue lists (staff only).
        assert ReviewFlag.objects.filter(project=project, field="partners", reason__contains=person).exists()
