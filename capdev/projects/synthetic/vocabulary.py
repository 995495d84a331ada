"""The generator's parameters, the weights of its choices and its vocabulary (see docs/performance.md)."""
from __future__ import annotations

import datetime as dt
import random
import uuid
from bisect import bisect
from itertools import accumulate

from capdev.activities.models import ActivityType
from capdev.organisations.models import Organisation

from ..models import ProjectPartner

BLOCK = 1000  # projects per random stream: data independent of the batch size
DEFAULT_BATCH = 2000
CODE_PREFIX = "SYN"
BUDGET_MIN, BUDGET_MAX = 20_000, 5_000_000
BUDGET_MEDIAN, BUDGET_SIGMA = 350_000, 1.0
YEAR_MIN, YEAR_MAX = 2000, 2030
PUBLISHED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SYNTHETIC_UIDS = uuid.UUID("6f1c2a4e-5b0d-4c8e-9a57-3d2e1f0b7c91")  # namespace of generated activities' uids

# -- vocabulary --------------------------------------------------------------------------------------

VERBS = ["Strengthening", "Building", "Enhancing", "Supporting", "Developing", "Advancing", "Improving",
         "Promoting", "Mainstreaming", "Institutionalizing"]
CAPACITIES = ["institutional capacities", "national capacities", "the capacities of public servants",
              "local government capacities", "policy capacities", "statistical capacities",
              "capacities of parliaments", "leadership capacities", "the capacities of civil servants"]
THEMES = ["e-government", "digital government", "open government data", "public sector innovation",
          "integrated policymaking for the SDGs", "transparency and accountability", "public service delivery",
          "anti-corruption", "participatory budgeting", "risk-informed governance", "SDG localization",
          "evidence-based policymaking", "public financial management", "data governance",
          "gender-responsive public administration", "resilient public institutions", "civil registration",
          "voluntary national reviews", "climate and disaster resilience", "digital identity",
          "cybersecurity in the public sector", "mobile government services", "e-participation",
          "whole-of-government coordination", "national development planning", "water and sanitation governance",
          "sustainable urban development", "social protection systems", "youth engagement"]
PURPOSES = ["to accelerate the implementation of the 2030 Agenda", "for effective, accountable and "
            "inclusive institutions", "to leave no one behind", "to improve public service delivery",
            "in support of national sustainable development strategies", "for better policy coherence",
            "to respond to the needs of vulnerable groups", "in the post-pandemic recovery"]
BENEFICIARIES = ["senior government officials", "civil servants", "policymakers", "local government officials",
                 "members of parliament", "national statistical offices", "civil society representatives",
                 "ministries of finance and planning", "public sector managers", "young leaders"]
OUTPUTS = ["a national strategy", "a policy toolkit", "an assessment report", "a curriculum", "a road map",
           "a set of guidelines", "a training-of-trainers programme", "a peer-learning network",
           "an online course", "a national action plan"]
TOPICS = ["digital transformation", "open data", "service design", "the SDG targets", "institutional arrangements",
          "public procurement", "the data ecosystem", "e-services", "performance management",
          "stakeholder engagement", "policy evaluation", "budget transparency"]
PROFILES = BENEFICIARIES + ["trainers", "experts", "academics", "officials from line ministries"]
QUALIFIERS = ["", "", "", "over", "about", "more than", "some"]
EA_TEMPLATES = ["Enhanced capacity of {b} to design and implement {t}",
                "Increased knowledge of {b} on {topic}",
                "Improved institutional frameworks for {t} in the beneficiary countries",
                "Strengthened cooperation among {b} on {topic}"]
OUTCOME_TEMPLATES = ["{c} adopted {o} on {t}", "{b} apply the guidance on {topic} in their work",
                     "{o} on {t} is in use in {c}"]

ACTIVITY_TYPES = [(ActivityType.WORKSHOP, 34), (ActivityType.TRAINING_OF_TRAINERS, 8),
                  (ActivityType.ADVISORY_MISSION, 15), (ActivityType.WEBINAR, 16), (ActivityType.CONFERENCE, 12),
                  (ActivityType.STUDY, 8), (ActivityType.PUBLICATION_LAUNCH, 4), (ActivityType.MILESTONE, 3)]
ACTIVITY_WORDS = {
    ActivityType.WORKSHOP: "National workshop", ActivityType.TRAINING_OF_TRAINERS: "Training of trainers",
    ActivityType.ADVISORY_MISSION: "Advisory mission", ActivityType.WEBINAR: "Webinar",
    ActivityType.CONFERENCE: "Regional meeting", ActivityType.STUDY: "Study",
    ActivityType.PUBLICATION_LAUNCH: "Launch of", ActivityType.MILESTONE: "Milestone:",
}
# How many activities a project tells (0-10): most tell a few.
ACTIVITY_COUNTS = [(0, 12), (1, 14), (2, 16), (3, 15), (4, 12), (5, 9), (6, 7), (7, 5), (8, 4), (9, 3), (10, 3)]
COUNTRY_COUNTS = [(1, 45), (2, 20), (3, 15), (4, 10), (5, 10)]
SDG_COUNTS = [(1, 35), (2, 30), (3, 20), (4, 15)]
FUNDING_WEIGHTS = {"DA": 30, "XBTC": 25, "RPTC": 20, "XB": 10, "RB": 10, "TF": 5}
# Developing regions first: the portfolio of a capacity-development programme.
REGION_WEIGHTS = {"Africa": 3.0, "Asia": 2.2, "Americas": 1.8, "Oceania": 1.4, "Europe": 0.3}
SDG_WEIGHTS = {16: 40, 17: 25, 5: 8, 10: 8, 11: 7, 1: 6, 4: 5, 13: 5, 8: 5, 9: 4, 6: 4, 3: 3, 2: 2,
               7: 2, 12: 2, 14: 2, 15: 2}
ROLE_BY_TYPE = {
    Organisation.Type.DONOR: ProjectPartner.Role.FUNDING,
    Organisation.Type.UN: ProjectPartner.Role.IMPLEMENTING,
    Organisation.Type.IGO: ProjectPartner.Role.COOPERATING,
    Organisation.Type.NGO: ProjectPartner.Role.COOPERATING,
    Organisation.Type.ACADEMIA: ProjectPartner.Role.COOPERATING,
}
TYPE_WEIGHTS = {Organisation.Type.UN: 4, Organisation.Type.IGO: 3, Organisation.Type.DONOR: 2,
                Organisation.Type.NGO: 1, Organisation.Type.ACADEMIA: 1}


class Weighted:
    """Weighted choices from a fixed list, by bisection on the cumulative weights (fast, deterministic)."""

    def __init__(self, items: list, weights: list[float]):
        pairs = [(i, w) for i, w in zip(items, weights) if w > 0]
        if not pairs:
            raise ValueError("nothing to choose from")
        self.items = [i for i, _w in pairs]
        self.cum = list(accumulate(w for _i, w in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        """One item."""
        return self.items[bisect(self.cum, rng.random() * self.total)]

    def sample(self, rng: random.Random, k: int) -> list:
        """k distinct items (fewer when there are fewer), in the order drawn."""
        k = min(k, len(self.items))
        out: list = []
        while len(out) < k:
            item = self.pick(rng)
            if item not in out:
                out.append(item)
        return out


def _counts(pairs) -> Weighted:
    return Weighted([v for v, _w in pairs], [w for _v, w in pairs])
