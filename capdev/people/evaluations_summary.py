"""Evaluations summed up in Kirkpatrick's levels, through capdev.people.privacy (fewer than 5 answers: hidden)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, QuerySet

from . import privacy
from .models import Applied, Response


@dataclass
class EvaluationSummary:
    """Level 1 (reaction), level 2 (learning) and level 3 (application) of a set of responses."""

    responses: privacy.Shown
    satisfaction: privacy.Shown
    relevance: privacy.Shown
    satisfied: privacy.Shown
    learned: privacy.Shown
    learned_answers: privacy.Shown
    applied: privacy.Shown
    applied_answers: privacy.Shown
    score_gain: privacy.Shown

    def as_json(self) -> dict:
        """The API's shape."""
        return {"responses": self.responses.json, "satisfaction_mean": self.satisfaction.json,
                "relevance_mean": self.relevance.json, "satisfied_percent": self.satisfied.json,
                "increased_knowledge_percent": self.learned.json, "learning_answers": self.learned_answers.json,
                "applied_percent": self.applied.json, "followup_answers": self.applied_answers.json,
                "mean_score_gain": self.score_gain.json}


def responses_of_project(project) -> QuerySet:
    """Responses to the evaluations of a project's activities that count (not recalled history)."""
    return Response.objects.filter(evaluation__activity__project=project, evaluation__activity__recalled=False)


def responses_of_activity(activity) -> QuerySet:
    """Responses to an activity's evaluations."""
    return Response.objects.filter(evaluation__activity=activity)


LEARNED = (Q(pre_score__isnull=False, post_score__isnull=False, post_score__gt=F("pre_score"))
           | Q(Q(pre_score__isnull=True) | Q(post_score__isnull=True), knowledge_before__isnull=False,
               knowledge_after__isnull=False, knowledge_after__gt=F("knowledge_before")))
ANSWERED_LEARNING = (Q(pre_score__isnull=False, post_score__isnull=False)
                     | Q(knowledge_before__isnull=False, knowledge_after__isnull=False))


def summary(responses: QuerySet, exact: bool) -> EvaluationSummary | None:
    """The summary of these responses (None when there are none); one query."""
    s = responses.order_by().aggregate(
        n=Count("pk"), sat=Avg("satisfaction"), sat_n=Count("satisfaction"), rel=Avg("relevance"),
        rel_n=Count("relevance"), satisfied=Count("pk", filter=Q(satisfaction__gte=4)),
        learned=Count("pk", filter=LEARNED), learn_n=Count("pk", filter=ANSWERED_LEARNING),
        applied_yes=Count("pk", filter=Q(applied__in=[Applied.YES, Applied.PARTLY])),
        applied_n=Count("pk", filter=~Q(applied="")),
        gain=Avg(F("post_score") - F("pre_score"), filter=Q(pre_score__isnull=False, post_score__isnull=False)),
        gain_n=Count("pk", filter=Q(pre_score__isnull=False, post_score__isnull=False)))
    if not s["n"]:
        return None

    def mean(value, n):
        if value is None:
            return privacy.Shown(None)
        return privacy.shown(n, exact, value=Decimal(str(round(value, 1))))

    return EvaluationSummary(
        responses=privacy.shown(s["n"], exact), satisfaction=mean(s["sat"], s["sat_n"]),
        relevance=mean(s["rel"], s["rel_n"]), satisfied=privacy.share(s["satisfied"], s["sat_n"], exact),
        learned=privacy.share(s["learned"], s["learn_n"], exact), learned_answers=privacy.shown(s["learn_n"], exact),
        applied=privacy.share(s["applied_yes"], s["applied_n"], exact),
        applied_answers=privacy.shown(s["applied_n"], exact), score_gain=mean(s["gain"], s["gain_n"]))
