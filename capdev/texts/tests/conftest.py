"""A published English project with French translations of its title, summary and first outcome."""
import pytest

from capdev.projects.models import Outcome, Project
from capdev.texts.models import OutcomeTranslation, ProjectTranslation

TITLE_FR = "Gouvernement numérique dans les petites îles"
SUMMARY_FR = "Formation des fonctionnaires."
OUTCOME_FR = "Les fonctionnaires appliquent ce qu'ils ont appris."


@pytest.fixture
def translated(db):
    project = Project.objects.create(title="Digital government in small islands", summary="Training of officials.",
                                     objective="Officials apply what they learnt.", review_state="published",
                                     code="TX-1", start_date="2024-01-01")
    outcome = Outcome.objects.create(project=project, position=0, text="Officials use e-services.")
    Outcome.objects.create(project=project, position=1, text="A second outcome, untranslated.")
    ProjectTranslation.objects.create(project=project, field="title", language="fr", text=TITLE_FR)
    ProjectTranslation.objects.create(project=project, field="summary", language="fr", text=SUMMARY_FR)
    OutcomeTranslation.objects.create(outcome=outcome, language="fr", text=OUTCOME_FR)
    return project
