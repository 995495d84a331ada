"""Resources named in a record's narrative: publications, toolkits, booklets, training materials and links."""
from __future__ import annotations

import re

from ..types import ResourceRef
from .event_facts import _FINITE, _LIST_MARK, _RESOURCE_HEAD, _RESOURCE_LEAD, _SITE_SUFFIX, _title_case_share
from .event_words import _CONNECT, _QUOTED, _lines, _mask_quotes, _quotes, _sentences

# ---------------------------------------------------------------- resources

_RES_TYPES = [
    (re.compile(r"booklets?$", re.I), "booklet"),
    (re.compile(r"(?:tool\s?kits?|toolbox(?:es)?)$", re.I), "toolkit"),
    (re.compile(r"(?:curricul(?:um|a)|training\s+materials?|training\s+manuals?|training\s+modules?|modules?|"
                r"courses?)$", re.I), "training_material"),
    (re.compile(r"(?:reports?|surveys?|stud(?:y|ies)|assessments?|policy\s+briefs?|working\s+papers?|"
                r"papers?|publications?)$", re.I), "report"),
]
_URL = re.compile(r"https?://[^\s<>\"”)]+|www\.[^\s<>\"”)]+")
_IN_SENTENCE_RES = re.compile(
    r"(?P<noun>toolkits?|tool\s?kits?|handbooks?|booklets?|guidelines|manuals?|curricul(?:um|a)|reports?)"
    r"(?:\s*\((?P<alias>[^()]{3,120})\))?",
    re.I,
)


def _resource_type(head: str) -> str:
    for rx, t in _RES_TYPES:
        if rx.search(head.strip()):
            return t
    return "other"


def _title_run_before(text: str, at: int) -> str:
    """The capitalised title written just before a resource noun: 'the Curriculum on Governance ... (SDGs) toolkits'."""
    tokens = list(re.finditer(r"\([^()]*\)|[^\s]+", text[:at]))
    run: list[str] = []
    for tok in reversed(tokens):
        w = tok.group(0)
        core = w.strip(",;:")
        if w.endswith((",", ";", ":", ".")) and run:
            break
        if core.startswith("(") or (core[:1].isupper()) or core.lower() in _CONNECT:
            run.insert(0, core)
            continue
        break
    while run and (run[0].lower() in _CONNECT or run[0].startswith("(")):
        run.pop(0)
    caps = [w for w in run if w[:1].isupper()]
    return " ".join(run) if len(caps) >= 2 else ""


def extract_resources(text: str) -> list[ResourceRef]:
    """Resources named in text: title lines ending in Booklet/Toolkit/Report..., "the X toolkit", and URLs."""
    out: list[ResourceRef] = []
    seen: set[str] = set()

    def add(kind: str, title: str, url: str | None = None) -> None:
        key = re.sub(r"\W+", " ", title.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(ResourceRef(type=kind, title=title, url=url))

    for line in _lines(text):
        t = _SITE_SUFFIX.sub("", _LIST_MARK.sub("", line.text)).strip().rstrip(".")
        m = _RESOURCE_HEAD.search(t) or _RESOURCE_LEAD.match(t)
        if m and len(t.split()) <= 25 and not _FINITE.search(_mask_quotes(t)) and _title_case_share(t) >= 0.6 \
                and re.search(r"[A-Za-z]", t.replace(m.group("head") if "head" in m.groupdict() else m.group(0), "")):
            add(_resource_type(m.group("head") if "head" in m.groupdict() else m.group(0)), t)
            continue
        for s in _sentences(line):
            quotes = _quotes(s.text)
            for rm in _IN_SENTENCE_RES.finditer(s.text):
                if quotes.holds_inside(rm.start()):
                    continue
                before = _title_run_before(s.text, rm.start())
                noun = rm.group("noun")
                if before:
                    # "National Human Development Report" is one title; in "the X toolkit" the noun is not part of it.
                    add(_resource_type(noun), f"{before} {noun}" if noun[:1].isupper() else before)
                elif rm.group("alias") and _title_case_share(rm.group("alias")) >= 0.6 and noun[:1].isupper() is False \
                        and len(rm.group("alias").split()) >= 2 and not re.search(r",", rm.group("alias")):
                    add(_resource_type(noun), rm.group("alias").strip())
            for q in _QUOTED.finditer(s.text):
                after = s.text[q.end() : q.end() + 30]
                rn = re.match(r"\s*(toolkits?|handbook|booklet|guidelines|manual|report|curriculum|publication)\b",
                              after, re.I)
                if rn:
                    add(_resource_type(rn.group(1)), next(g for g in q.groups() if g).strip())
    for u in _URL.finditer(text):
        url = u.group(0).rstrip(".,;:")
        add("link", url, url if url.startswith("http") else f"https://{url}")
    return out
