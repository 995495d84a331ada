"""Project status as records write it, to Capdev's statuses."""
from capdev.narrative.values.status import status_category
from capdev.projects.models import ProjectStatus as S

CATEGORIES = {"planned": S.PLANNED, "active": S.ACTIVE, "completed": S.COMPLETED}


def status_from_text(text: str | None) -> str:
    """The project status a "Status:" value names, in English, French or Spanish ("Ongoing", "En cours
    d'exécution" and "en ejecución" are active), or "" to derive it from the dates."""
    category = status_category(text)
    return CATEGORIES[category] if category else ""
