"""Project status as records write it, to Capdev's statuses."""
from capdev.projects.models import ProjectStatus as S

STATUS_WORDS = {
    S.PLANNED: ("planned", "pipeline", "proposed", "not started", "forthcoming"),
    S.ACTIVE: ("active", "ongoing", "on-going", "in progress", "implementation", "current", "open"),
    S.COMPLETED: ("completed", "complete", "closed", "finished", "ended", "finalized", "finalised"),
}


def status_from_text(text: str | None) -> str:
    """The project status a "Status:" value names ("Ongoing" is active), or "" to derive it from the dates."""
    words = (text or "").strip().casefold()
    for status, spellings in STATUS_WORDS.items():
        if any(words.startswith(s) for s in spellings):
            return status
    return ""
