"""Who works with the project, when no rule placed a partner (round 16): the bodies the record's own text gives that
role, each a suggestion for a reviewer to confirm (values.suggestions flags it on "partners", with what it was read
from), never a sure value.

Three kinds of evidence, in English, French and Spanish alike:
- the cue words of the prose readers (values.prose.read_partners: "in partnership with", "implemented by", "mis en
  œuvre par", "en collaboration avec", "ejecutado por", "con la colaboración de", "X as partner", "como socio"),
  read on the whole record, not only on the parts a layout calls its summary;
- a label whose words give the role, at a line's start, after a sentence or in a table's cell ("Socio técnico:",
  "Contraparte técnica:", "Instituciones .....", "| Administration partenaire |", "dc.contributor.other"), with its
  value wrapped onto indented lines; a label naming another project's code ("Socios CR-EVAL-2024-07:") is that
  project's (data/suggest_cues.json "partner_labels");
- a body right after "with", "avec", "con" that is shaped as an institution (a known body, a name with its acronym
  in brackets, a name headed by Ministry, Institute, University, Agencia, École ...), or after a word of working
  together ("co-organized with", "organisé avec", "junto con": "partner_with_words"); never after words that make
  "with" no partnership ("in line with", "conformément à", "de acuerdo con": "not_with_words"), never a body that
  surely pays there (a donor, a government), a country alone or a person.
A paragraph that names another project by its code ("Under project PRJ/GOV/114, ...") is not read: its bodies are
that project's. More than _MOST bodies is a list of something else: nothing is suggested.
"""
from __future__ import annotations

import functools
import re

from ..code_choice import CODE_TOKEN as CODE_TOKEN_RX
from ..folding import fold
from ..org_shapes import organisation_fault
from . import prose as _prose
from .orgs import resolve_organisation
from .partner_checks import names_a_body
from .person_names import is_person
from .prose_names import name_extent
from .role_cues import words_rx
from .suggest_periods import cue_rx
from .told_partners import before_next_cue

_MOST = 6
_ARTICLE = r"(?:(?:the|la|le|el|les|los|las)\s+|l['’]\s?)"
# Where a label may open: a line's start (after a bullet or a table's bar), a sentence's, a table cell's.
_LABEL_AT = re.compile(r"(?m)^[ \t|*>•-]*|(?<=[.;]\s)|(?<=\|)[ \t]*")
_LABEL = re.compile(r"(?P<label>[^\W\d][\w .'’/-]{1,40}?)(?:[ \t]*[:|](?!//)|[ \t]*\.{3,}|[ \t]{3,})[ \t]*"
                    r"(?P<value>\S[^\n]*)")
_WITH = re.compile(rf"(?<![\w-])(?:with|avec|con)\s+{_ARTICLE}?(?=[A-Z\u00c0-\u00de])")
_SENTENCE_END = re.compile(r"\.(?=[\"”»)]?(?:[\s,;]|$))|\|")
_ACRONYM_IN_BRACKETS = re.compile(r"\([A-Z][A-Za-z&-]{1,15}\)")
_GOVERNMENT = re.compile(r"(?i)^(?:the\s+|le\s+|el\s+)?(?:government|gouvernement|gobierno|kingdom|royaume|reino|"
                         r"republic|r[ée]publique|rep[úu]blica|embassy|ambassade|embajada)\b")
_PROJECT_CODE = re.compile(rf"(?i)\b(?:project|projet|proyecto|programme|program|programa)\s+(?:n[o°º.]*\s*)?"
                           rf"(?-i:(?P<code>{CODE_TOKEN_RX}))")


def _items(names: str) -> list[str]:
    """The bodies of a list as written ("the BPSC and the ESAMI", "MIDEPLAN; Universidad de Costa Rica", "A / B"):
    values.partners.split_partners, which keeps "Ministry of Planning and Economic Development" whole."""
    from .partners import split_partners

    out = []
    for piece in re.split(r"\s+/\s+", names.replace('"', " ").strip()):
        out += [re.sub(rf"^{_ARTICLE}", "", p.strip(" .,;:|*")).strip() for p in split_partners(piece)]
    return [p for p in out if p]


def _a_body(name: str) -> bool:
    from .partners import is_country_name

    return bool(name) and names_a_body(name) and not is_person(name) and not _ends_with_person(name) and not (
        re.fullmatch(r"[IVXLC]+|\w{1,2}", name)) and not is_country_name(name) and not (
        _GOVERNMENT.match(name)) and not _SENTENCE_END.search(name) and not organisation_fault(name)


def _ends_with_person(name: str) -> bool:
    """"Ombudsman Aida Bekova": a title and a person's given name and surname, no body."""
    from .person_names import given_names

    words = name.split()
    return len(words) >= 2 and fold(words[-2]).lower() in given_names() and words[-1][:1].isupper() and not (
        words[-1].isupper())


def _institution(name: str) -> bool:
    """Shaped as an institution, not only capitalised: a known body, an acronym in brackets, a body's head noun."""
    return bool(resolve_organisation(name) or _ACRONYM_IN_BRACKETS.search(name)
                or words_rx("institution_heads").search(fold(name)))


def _ends_as_name(name: str) -> bool:
    """Does a name end on a capitalised word or an acronym in brackets ("Universidad de Chile", "(FCT)")?"""
    last = name.split()[-1] if name.split() else ""
    return last[:1].isupper() or last[:1].isdigit() or last.endswith(")")


def _pays(name: str) -> bool:
    from .funding import pays_surely

    org = resolve_organisation(name)
    return bool(pays_surely(name) or (org is not None and org.type == "donor"))


def _codes(text: str) -> set[str]:
    return {m.group("code").upper() for m in _PROJECT_CODE.finditer(text)}


def own_text(text: str, code: str | None) -> str:
    """The record's text without the paragraphs that name another project by its code."""
    own = (code or "").upper()
    kept = [p for p in re.split(r"\n[ \t]*\n", text) if not (_codes(p) - {own}) or own in _codes(p)]
    return "\n\n".join(kept)


@functools.cache
def _label_rx(name: str) -> re.Pattern[str]:
    return cue_rx(name)


def _of_partnership(label: str) -> bool:
    """Do a label's or heading's words (folded) name partners, and not who pays ("Development partners",
    "Partenaires techniques et financiers", "Funding partner")?"""
    return bool(_label_rx("partner_labels").search(label)) and not _label_rx("payer_partner_labels").search(label) \
        and not _label_rx("funding_words").search(label)


def _without_payer_lists(text: str) -> str:
    """The text without the lines that list who pays under a label of partnership ("Development partners: EU,
    World Bank", "Partenaires techniques et financiers" and its bullets)."""
    kept, dropping = [], False
    for line in text.split("\n"):
        head = fold(line.split(":")[0][:80]).lower()
        if _label_rx("payer_partner_labels").search(head):
            dropping = True
            continue
        if dropping and _BULLET.match(line):
            continue
        dropping = False
        kept.append(line)
    return "\n".join(kept)


def _labelled(text: str, code: str | None) -> list[tuple[str, str]]:
    """(names, the label) for each label of partnership and its value."""
    found = []
    for at_label in _LABEL_AT.finditer(text):
        m = _LABEL.match(text, at_label.end())
        if m is None:
            continue
        label = fold(m.group("label")).lower().strip()
        if len(label.split()) > 4 or not _of_partnership(label.replace(".", " ")):
            continue
        codes = {t.upper() for t in re.findall(CODE_TOKEN_RX, m.group("label")) if any(c.isdigit() for c in t)}
        if codes and (code or "").upper() not in codes:
            continue  # "Socios CR-EVAL-2024-07: ...": another record's partners
        value = m.group("value")
        column = m.start("value") - (text.rfind("\n", 0, m.start("value")) + 1)
        at = m.end()
        while column >= 8:  # "Instituciones ..... A / B\n                    de la Presidencia": one value wrapped
            nxt = text.find("\n", at + 1)
            line = text[at + 1 : nxt if nxt > 0 else len(text)]
            if not line.strip() or len(line) - len(line.lstrip()) < column - 2 or _LABEL.match(line.strip()):
                break
            value += " " + line.strip()
            at = nxt if nxt > 0 else len(text)
        inline = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \t|*>•-")
        if inline and not _SENTENCE_END.search(value) and "|" not in inline:
            nxt = text.find("\n", at + 1)  # a label inside a paragraph: its value runs on to the sentence's end
            value += " " + text[at + 1 : nxt if nxt > 0 else len(text)].strip()
        cut = _SENTENCE_END.search(value)
        value = value[: cut.start()] if cut else value
        if value.strip():
            found.append((value.strip(), m.group("label").strip()))
    return found


_BULLET = re.compile(r"^[ \t]*(?:[-–•*·]|\d{1,2}[.)]|[a-z][.)])[ \t]+(?P<item>\S[^\n]*)$")
# A heading over a list: "SECTION E - PARTENAIRES ASSOCIÉS", "3. Partners", "Socios del proyecto".
_HEADING = re.compile(r"^[ \t]*(?:(?:section|secci[oó]n|part|partie|parte)\s+\w{1,3}\s*[-–:.]\s*"
                      r"|\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?P<words>[^\W\d][^:|\n]{2,80}?)[ \t]*:?[ \t]*$", re.IGNORECASE)
# "(pour information)", "(to be confirmed)", "(observador)": an aside in small words qualifies the body's part.
_ASIDE = re.compile(r"\((?:[a-z\u00e0-\u00ff'’]+\s*){1,4}\)")


def _listed(text: str) -> list[tuple[str, str]]:
    """(item, the heading) for each item of a bulleted list under a heading of partnership."""
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if not m or len(m.group("words").split()) > 8:
            continue
        words = fold(m.group("words")).lower()
        if not _of_partnership(words):
            continue
        for follower in lines[i + 1 :]:
            item = _BULLET.match(follower)
            if not item:
                break
            if not _ASIDE.search(item.group("item")):
                found.append((item.group("item").strip(" ;.,"), m.group("words").strip()))
    return found


def _after_with(text: str) -> list[tuple[str, str]]:
    """(names, the cue) for the bodies after a word of working together, or after a bare "with" when shaped as an
    institution."""
    flat = " ".join(text.split())
    folded = fold(flat).lower()
    found = []
    cued = {m.end(): m.group(0) for m in cue_rx("partner_with_words").finditer(folded)}
    for m in _WITH.finditer(flat):
        before = folded[max(0, m.start() - 30) : m.end()]
        if cue_rx("not_with_words").search(before):
            continue
        cue = next((c for end, c in cued.items() if m.start() <= end <= m.end()), None)
        phrase = flat[m.end() : m.end() + 320]
        cut = _SENTENCE_END.search(phrase)
        names = name_extent(before_next_cue(phrase[: cut.start()] if cut else phrase))
        items = _items(names) if names else []
        if not items or any(_pays(i) or not _ends_as_name(i) for i in items):
            continue  # "con la Dirección de Simplificación antes del render": words of the sentence, not a name
        if cue is None and not _institution(items[0]):
            continue
        found.append((names, cue or flat[m.start() : m.end()].split()[0]))
    return found


def suggest_partners(text: str, code: str | None = None, others: set[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(name, role, what it was read from) for each body the record's text gives a partner's role; [] when there is
    none, or more than _MOST. others: folded names the record already holds (its funders)."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = own_text(text, code)
    named: list[tuple[str, str, str]] = []
    facts = _prose.read_partners(_without_payer_lists(text))
    for names in facts.implementers + facts.partners:
        role = "implementing" if names in facts.implementers else "cooperating"
        named += [(n, role, "named after a word of partnership or implementing") for n in _items(names)]
    for names, label in _labelled(text, code):
        named += [(n, "cooperating", f"the value of '{label}'") for n in _items(names)]
    for names, heading in _listed(text):
        named += [(n, "cooperating", f"listed under '{heading}'") for n in _items(names)]
    for names, cue in _after_with(text):
        named += [(n, "cooperating", f"named after '{cue}'") for n in _items(names)]
    out: list[tuple[str, str, str]] = []
    seen = set(others)
    for name, role, why in named:
        key = fold(name).lower()
        if not _a_body(name) or any(key == s or max(len(key), len(s)) < 80 and min(len(key), len(s)) > 2 and (
                key in s or s in key) for s in seen):
            continue
        seen.add(key)
        out.append((name, role, why))
    return out if len(out) <= _MOST else []


def add_suggested_partners(steps) -> None:
    """Fill, flagged, the partners of the record an assembler (steps) is finishing, where no rule placed one that
    is not a funder (values.suggestions calls it last)."""
    rec = steps.rec
    if any(p.role != "funding" for p in rec.partners) or not isinstance(rec.text, str):
        return
    others = {fold(n).lower() for p in rec.partners for n in (p.name, p.acronym) if n}
    for name, role, why in suggest_partners(rec.text, rec.code, others):
        before = len(rec.partners)
        steps.add_partners(name, role)
        for p in rec.partners[before:]:
            rec.flag("partners", f"suggested partner: {p.text or p.name}, {why}")
