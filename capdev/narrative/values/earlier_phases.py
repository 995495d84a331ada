"""Words that say a line or a period is an earlier phase's or another project's ("Phase I", "pilote", "anterior"):
read by the status badges (status_genres) and the chronology entries (timeline_periods) alike."""
from __future__ import annotations

import re

EARLIER = re.compile(r"(?<![\w-])(?:phases?|fases?|stages?|etapas?|etapes?|pilot[eo]?s?|previous|precedente?|"
                     r"anterior(?:es)?|former|ancien(?:ne)?)(?![\w-])", re.IGNORECASE)
