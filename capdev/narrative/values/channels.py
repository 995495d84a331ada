"""The office through which a funder pays is the funder itself: "Government of Norway through its embassy in Lilongwe",
"Gobierno de Noruega a través de su Embajada en Guatemala", "Gouvernement du Japon, par l'intermédiaire de son ambassade
à Dakar", "Government of Sweden, through the Embassy of Sweden in Lusaka" name one funder, not two, and the city or
country where the embassy sits is neither a funder nor, for that reason alone, a country served. The words are data
(data/role_cues.json: channel_cues, channel_offices)."""
from __future__ import annotations

import functools
import re

from ..folding import fold
from . import role_cues as _cues


@functools.cache
def _channel_rx() -> re.Pattern[str]:
    # The office's words run to the end of the item: a semicolon, a line's end or a closing bracket.
    return re.compile(
        rf"\s*,?\s*(?<![\w'-])(?:{_cues.alternation('channel_cues')})\s+"
        rf"(?:(?:its|their|the|his|her|su|sus|son|sa|ses|leur|leurs|la|las|el|los|le|les)\s+|l['’]\s?)?"
        rf"(?:{_cues.alternation('channel_offices')})(?![\w-])[^;\n()]{{0,120}}",
        re.IGNORECASE)


def without_channel(value: str) -> str:
    """value without the offices through which its funders pay ("Government of Norway through its embassy in
    Lilongwe" -> "Government of Norway"); value itself when it names none."""
    if not isinstance(value, str) or not value:
        return value
    folded = fold(value)
    out, at = [], 0
    for m in _channel_rx().finditer(folded):
        out.append(value[at : m.start()])
        at = m.end()
    return "".join(out) + value[at:] if at else value
