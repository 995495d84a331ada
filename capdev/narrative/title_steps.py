"""The title's choice as a step of the assembler: the record's candidate lines read from its blocks (the lines at
its head, a title line, what follows it), handed to title_choice.choose, and the choice written to the record with
the flag that says how sure it is."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .code_choice import CODE_TOKEN, not_a_code, take_code
from .code_values import code_of
from .folding import fold_key
from .prose_titles import prose_names
from .step_tools import _excerpt, _one_line, _values
from .title_choice import (
    NAME_OVER_HEADLINE,
    UNCONFIRMED,
    Choice,
    choose,
    clean,
    ends_open,
    menu_row,
    quoted_names,
    rejection,
    same_title,
    without_site,
    wraps_on,
)
from .title_codes import code_in_front, subject_title, title_under_code_line, without_status
from .title_columns import column_heads
from .title_dates import without_front_date, without_glued_date
from .title_evidence import facts_follow, self_named, subject_line
from .title_glue import Unglued, unglue
from .title_heads import self_named_choice
from .title_in_prose import HEADING_WRITTEN_OUT, IN_PROSE, evidenced_name, lone_name, runs_into, writes_out
from .title_label_heads import title_under_label_heading
from .title_languages import halves, in_text_language
from .title_meta import meta_line
from .title_places import without_places

if TYPE_CHECKING:
    from .segment import Block, RawRecord
    from .types import Record


_CODE_ALONE = re.compile(CODE_TOKEN)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})[.)]?\s+\S")  # "4.3 ...", "2. ...", "IV. ..."
_META_BLOCKS = 6  # a card's meta line sits at its head: among its first blocks and lines
_META_LINES = 12
_FACT_BLOCKS = 16  # a page's header, menu and breadcrumb may come before the title over its facts


class TitleSteps:
    """The title's choice, mixed into the assembler (whose rec, raw, text and title state it reads)."""

    text: str
    raw: RawRecord
    rec: Record
    span_fields: dict[int, str]
    title_labelled: bool
    title_line: Block | None
    set_title: Callable[[str, bool], bool]
    title_is_a_heading: Callable[[], bool]

    def head_lines(self) -> list[str]:
        """The lines before the record's first fact or paragraph, and the later title lines that no title took
        (the title under a code header, after a running head), each joined with a line it wraps onto."""
        out: list[str] = []
        head = True
        blocks = self.raw.blocks
        for k, block in enumerate(blocks):
            if head and block.kind == "chrome":
                # A saved page's title ("Gobierno abierto en Honduras | CEPAL") read as the site's running head.
                line = " ".join(self.text[block.start : block.end].split())
                if without_site(line) != line:
                    out.append(line)
                continue
            if block.kind in ("blank", "heading", "chrome") or block is self.title_line:
                continue
            if block.kind != "text" or block.field not in ("title", "unparsed"):
                head = False
            if block.kind == "text" and block.field == "title" and not head:
                line = " ".join(self.text[block.start : block.end].split())
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                if nxt is not None and nxt.kind == "text" and nxt.start == block.end and block.end - block.start and (
                        wraps_on(line, " ".join(self.text[nxt.start : nxt.end].split()))):
                    line = f"{line} {' '.join(self.text[nxt.start : nxt.end].split())}"
                out.append(line)
            elif head:
                out.extend(ln for ln in self.text[block.start : block.end].splitlines() if ln.strip())
        return out[:12]

    def confirm_or_propose(self, choice: Choice) -> Choice:
        """A proposed heading that a sentence names as the project ("the X project", "dans le cadre du projet X") is
        sure; with no title at all, such a name, or else an e-mail's subject, is proposed."""
        if choice.title and choice.sure:
            return choice
        name, why = evidenced_name(self.rec.text, self.rec.code)
        if name:
            # "el Proyecto de Interoperabilidad de Servicios Municipales, PRISMA, código CL-T1298": a name the text
            # writes as its project's, with the evidence that it is (title_in_prose).
            return Choice(name, True, why)
        if getattr(self, "reference_name", "") and not choice.title:
            return Choice(self.reference_name, False, "the project a reference line names")
        lone = lone_name(self.rec.text)
        if lone and choice.title and writes_out(choice.title, lone):
            return Choice(lone, True, HEADING_WRITTEN_OUT)
        if lone and (not choice.title or runs_into(choice.title, lone)):
            # "... du Projet régional / d'harmonisation ... (PRHSEP). Lancé en ...": the one name a paragraph gives.
            return Choice(lone, False, "the one name the text gives a project")
        named = [n for n in (clean(n) for n in prose_names(self.rec.text)) if not rejection(n, "prose")]
        if choice.title:
            if choice.reason in UNCONFIRMED and any(same_title(n, choice.title) for n in named):
                return Choice(choice.title, True, "named as the project in a sentence")
            return choice
        if named:
            return Choice(named[0], False, "the name a sentence gives the project")
        subject = clean(subject_line(self.rec.text))
        if subject and not rejection(subject):
            # A mail or a forwarded note with no title line: its subject may name the project; a reviewer confirms.
            return Choice(subject, False, "an e-mail's subject")
        if subject_title(subject):  # "Final report - X (RW-LAND-031)": the one part of the subject a title may be
            return Choice(subject_title(subject), False, "an e-mail's subject, its other parts cut off")
        heading = clean(getattr(self, "body_heading", ""))
        if heading:
            # "4.3 Escuela de Verano de Innovación Pública": a numbered section's heading read as a body's name may
            # name a project that bears one; a better guess than a sentence of the text, and only proposed.
            return Choice(heading, False, "a heading that reads like a body's name")
        return choice

    def facts_under_title(self) -> bool:
        """Do the record's labelled facts come right after its title line (or after the lines at its head)?"""
        blocks = self.raw.blocks
        k = next((n for n, b in enumerate(blocks) if b is self.title_line), None)
        if k is None:
            k = -1
            for n, block in enumerate(blocks):
                if block.kind in ("blank", "heading", "chrome"):
                    continue
                if block.kind != "text" or block.field not in ("title", "unparsed"):
                    break
                k = n
        return k >= 0 and (facts_follow(blocks, k, self.text) or self.meta_under(k))

    def title_over_meta(self) -> str:
        """The line right over the first card meta line at the record's head ("Digital Records for Municipal
        Courts" / "Project | 2019-2022 | Closed"), when it may be a title; '' otherwise."""
        blocks = [b for b in self.raw.blocks if b.kind != "blank"][:_META_BLOCKS]
        if not blocks:
            return ""
        lines = self.text[blocks[0].start : blocks[-1].end].splitlines()
        for n, line in enumerate(lines[1:_META_LINES], start=1):
            if meta_line(line):
                above = clean(lines[n - 1])
                return above if above and not rejection(above) and not meta_line(above) else ""
        return ""

    def title_over_facts(self) -> str:
        """A line standing alone (a blank line or the record's start above it) right over the record's labelled
        facts, when the segmenter read it as the start of a paragraph ("INFORME DE GESTIÓN 2022   Página 5 de 18" /
        "" / "Fortalecimiento de ..." / "Código: ..."): the record's title; '' when there is none."""
        blocks, text = self.raw.blocks, self.text
        for k, block in enumerate(blocks[:_FACT_BLOCKS]):
            if block.kind == "label" and not (block.field == "title" and self.labelled_menu()):
                return ""  # the facts began: what comes before them was looked at
            if block.kind != "text" or block.field not in ("summary", "unparsed", "narrative", "title") or (
                    block is self.title_line):
                continue  # the title line was looked at already (and set aside)
            body = text[block.start : block.end].strip()
            if not text[block.start : block.end].endswith("\n"):
                return ""  # "Quick facts — Code: ...": the labels start on the line itself
            j = k + 1
            while j < len(blocks) - 1 and blocks[j].kind in ("chrome", "heading") and (
                    blocks[j].start == blocks[j - 1].end):
                j += 1  # "Share this page: Facebook X LinkedIn", "Overview of the project": furniture, a section's head
            nxt = blocks[j] if j < len(blocks) else None
            floor = max(getattr(text, "offset", 0), block.start - 4)  # never before the record's own text
            alone = block.start == blocks[0].start or text[floor : block.start].replace("\r", "").endswith("\n\n")
            if ("\n" in body or nxt is None or nxt.kind != "label" or nxt.start != blocks[j - 1].end or not alone
                    or not facts_follow(blocks, k, text)):
                continue
            line = clean(body)
            if menu_row(body):
                continue  # "Print   Email   Download PDF": the page's furniture
            if line[:1] == "[" or line[-1:] in "-\u2013\u2014:|":
                return ""  # "[Closed] Civil registration ...": a badge in front; "Quick facts —": a lead-in
            return line if len(line.split()) >= 3 and not rejection(line) else ""
        return ""

    def meta_under(self, k: int) -> bool:
        """Is the line right under blocks[k] a card's meta line ("Project | 2021-2024 | Active")? Then blocks[k] is
        the card's title, as sure as one over labelled facts."""
        nxt = next((b for b in self.raw.blocks[k + 1 :] if b.kind != "blank"), None)
        if nxt is None or nxt.start - self.raw.blocks[k].end > 2:
            return False
        lines = self.text[nxt.start : nxt.end].strip().splitlines()
        return bool(lines) and meta_line(lines[0])

    def join_wrapped_head(self) -> None:
        """A title line whose first half the segmenter set aside as the page's heading ("FORTALECIMIENTO DE ..." /
        "PARA LA FORMACIÓN ..."): the two lines are one title."""
        head, blocks = self.title_line, self.raw.blocks
        if head is None or self.title_labelled:
            return
        k = next((n for n, b in enumerate(blocks) if b is head), 0)
        prev = blocks[k - 1] if k else None
        if prev is None or prev.kind != "text" or prev.field != "unparsed" or prev.end != head.start:
            return
        line = " ".join(self.text[prev.start : prev.end].split())
        if self.text[prev.start : prev.end].replace("\r\n", "\n").count("\n") == 1 and wraps_on(line, self.rec.title):
            self.rec.title = f"{line} {self.rec.title}"
            self.span_fields[id(prev)] = "title"

    def on_title(self, block: Block, value: str, at: int) -> None:
        weak = block.label is not None and block.label.modifiers.get("weak")  # "Name:" may head a person's name
        why = "a name?" if weak and _values("roles").weak_title_refused(self.rec.title, value) else column_heads(
            block.label.sep if block.label is not None else "", value)
        if why:
            self.rec.flag("title", f"not read as the title ({why}): {_excerpt(value)}")
            return
        self.set_title(_one_line(value), labelled=True)

    def on_code(self, block: Block, value: str, at: int) -> None:
        """A code label's value: the record's code unless it is an amount or a date, or it has one (code_choice)."""
        value = " ".join(value.split())
        if not re.search(r"\d", value) and self_named(clean(value)):
            # "Ref.: Proyecto de Catastro Urbano ...": a reference that names the project by its name, no code.
            self.rec.flag("code", f"not a code, the project's name: {_excerpt(value)}")
            self.reference_name = clean(value)
            return
        self.rec.code = take_code(self.rec, code_of(self.rec, value, self.set_title), block.label)

    def unglued_title(self) -> tuple[str, str]:
        """The record's title without a label, fill-in dots or a code glued to it (the code is the record's when it
        has none), and why the line was set aside when it is no title."""
        rec = self.rec
        glued = unglue(rec.title)
        front, rest = code_in_front(glued.title) if not glued.code else ("", "")
        if front:  # "Projet : BEN-FIN-2024-02 - Renforcement ...": a code of any shape, a dash, then the title
            glued = Unglued(rest, front, "")
        alone = " ".join(glued.title.split())
        if not glued.code and _CODE_ALONE.fullmatch(alone) and not not_a_code(alone):
            # "STRENGTHENING STATISTICAL CAPACITY ..." / "KAZ-STAT-2020": a code alone on the line under the title.
            glued = Unglued("", alone, "a code alone")
        if glued.code and not rec.code:
            rec.code = glued.code
            behind = " ".join(rec.title.split()).endswith((f"{glued.code})", f"{glued.code}]"))
            rec.flag("code", "a code alone on the line under the title" if glued.title == "" and glued.reason == (
                "a code alone") and rec.title.strip() == glued.code else "read after the title" if behind else (
                "read in front of the title"))
        return glued.title, glued.reason

    def choose_title(self) -> None:
        self.pick_title()
        rec = self.rec
        if rec.title:
            above = self.line_above_title()
            two = bool(above) and halves(f"{above} / {rec.title}") is not None
            kept, why = in_text_language(f"{above} / {rec.title}" if two else rec.title, rec.text)
            if why:
                rec.title = kept
                rec.flag("title", why)
            elif two:
                rec.flag("title", f"the line above may give the title in another language: {above!r}")
            elif above and not rec.title_is_proposed:
                # "Digital Government Academy for the Caribbean" / "Building Skills of Public Servants ...": a title
                # and its subtitle, or a kicker over a title: which is the name is the reviewer's call.
                rec.flag("title", f"the line right above may be the title or its first half: {above!r}")

    def title_for_places(self) -> str:
        """The title as read for the countries served (a proposed one only when it is the record's heading), with
        the headline that gave way to the project's name."""
        title = self.rec.title if not self.rec.title_is_proposed or self.title_is_a_heading() else ""
        return "\n".join(filter(None, [title, getattr(self, "headline_aside", ""), getattr(self, "places_aside", "")]))

    def labelled_menu(self) -> bool:
        """Is the value under the record's title label a site's menu ("Proyectos" / "Inicio    Quiénes somos ...")?"""
        block = next((b for b in self.raw.blocks if b.kind == "label" and b.field == "title"), None)
        return block is not None and any(menu_row(ln) for ln in self.text[block.start : block.end].splitlines()[1:])

    def line_above_title(self) -> str:
        """The line right over the title line, no blank line between, when it may be a title too: the same title in
        another language ("Strengthening National Archives in Haiti" / "Renforcement des archives nationales
        d'Haïti"), the title over a subtitle; '' otherwise."""
        head, blocks = self.title_line, self.raw.blocks
        if head is None or self.title_labelled:
            return ""
        k = next((n for n, b in enumerate(blocks) if b is head), 0)
        prev = blocks[k - 1] if k else None
        if prev is None or prev.kind != "text" or prev.end != head.start:
            return ""
        raw = self.text[prev.start : prev.end].replace("\r", "").rstrip(" \t")
        body = raw.strip()
        if raw.endswith("\n\n"):
            return ""  # a blank line between: the line above is the page's, not the title's
        line = clean(body)
        own = self.text[head.start : head.end]
        if "\n" in body or not line or rejection(line) or not same_title(own, self.rec.title):
            return ""
        if fold_key(self.rec.title).startswith(fold_key(line)):
            return ""  # the title's first line, which the title was joined with
        return line

    def pick_title(self) -> None:
        rec = self.rec
        self.join_wrapped_head()
        prose = any(f.field == "title" and f.reason == "read from prose" for f in rec.flags)
        kind = "" if not rec.title else "heading" if self.title_line is not None and not self.title_labelled else (
            "prose" if prose else "label")
        current, set_aside = self.unglued_title() if rec.title else ("", "")
        if kind == "label" and current.endswith(".") and not current.endswith("..") and "." not in current[:-1]:
            current = current[:-1].rstrip()  # "Project title: ... in Northern Ghana. Code: GHA-LRA-22.": in a row
        if without_places(current) != current:  # "Observatorio binacional ... (RD - Haití)": where, not the name
            self.places_aside = current[len(without_places(current)) :].strip()  # still tells the countries
            rec.flag("title", f"places in brackets cut off the title: {self.places_aside!r}")
            current = without_places(current)
        cuts = []  # said once the line cut is the title
        if without_front_date(current) != current:  # "March 2025 - Digital Archives ...": the note's date, first
            cuts.append(f"a date cut off the title's start: {current[: -len(without_front_date(current))]!r}")
            current = without_front_date(current)
        current, status = without_status(current)
        if status:  # "Digital Archives for Municipal Courts (ongoing)": the project's status, not its name
            cuts.append(f"a status cut off the title's end: {status!r}")
        if kind == "label" and without_glued_date(current) != current:  # "Project: ..., 12 March 2025"
            rec.flag("title", f"a date cut off the title's end: {current[len(without_glued_date(current)) :]!r}")
            current = without_glued_date(current)
        if kind == "label" and self.labelled_menu():
            current, set_aside = "", "a breadcrumb or a menu"
        facts = self.facts_under_title()
        # A name set in bold after a project word counts as quoted under a headline, not under a record's facts.
        choice = choose(current, kind if current else "", self.head_lines(), quoted_names(rec.text, bold=not facts),
                        news=self.raw.news, facts=facts)
        if kind == "heading" and not choice.title and choice.reason.startswith("an organisation's name") and (
                _NUMBERED.match(current)):
            self.body_heading = current
        if set_aside and not choice.title:
            choice = Choice("", False, f"{set_aside}: {' '.join(rec.title.split())!r}")
        if not choice.sure:
            over = self.title_over_meta()
            if over:
                choice = Choice(over, True, "the line over the card's meta line")
            elif not choice.title or kind in ("", "heading") or (kind == "label" and not (
                    current and same_title(choice.title, current))):
                # With no title, or a line the chooser was unsure of (a menu, a site's name), the line alone right
                # over the record's labelled facts is the title.
                over = self.title_over_facts() or title_under_code_line(self.raw.blocks, self.text)
                if over:
                    choice = Choice(over, True, "a line alone right over the record's labelled facts")
        if not choice.sure and (not choice.title or kind in ("", "heading")):
            choice = self_named_choice(self.raw.blocks, self.text) or choice  # "PROJET D'APPUI À ..." at the head
        under = "" if choice.sure or kind == "label" else title_under_label_heading(self.rec.text)
        if under:  # "SECTION B - INTITULÉ DE L'APPUI DEMANDÉ" / "Appui à ...": a form's title label as its heading
            choice = Choice(under, True, "under a title's label that heads a form's part")
        if kind == "heading" and choice.sure and choice.reason.startswith(NAME_OVER_HEADLINE):
            self.headline_aside = current  # "Digital ID and inclusion: wrapping up in Malawi": it tells the place
        for cut in cuts if choice.title and same_title(choice.title, current) else ():
            rec.flag("title", cut)
        if choice.title == rec.title and choice.sure:
            return
        if self.title_line is not None and not same_title(choice.title, rec.title):
            self.span_fields[id(self.title_line)] = "unparsed"
        choice = self.confirm_or_propose(choice)
        rec.title = choice.title
        if not choice.title:
            if choice.reason:  # a line was there and set aside; a record with no title line at all has nothing to say
                rec.flag("title", f"not a title, set aside: {choice.reason}")
            return
        if not choice.sure:
            rec.title_is_proposed = True
            rec.flag("title", f"proposed: {choice.reason}" if choice.reason else "proposed")
        elif choice.reason in IN_PROSE:
            rec.flag("title", f"read from a sentence ({choice.reason}): where the name ends is a guess")
        elif kind:
            rec.flag("title", "chosen among the record's lines" + (f" ({choice.reason})" if choice.reason else ""))

    def wrap_title(self, block: Block, line: str) -> bool:
        """A line right under the title line that carries on its words ("... for" / "the monitoring of ..."):
        joined to the title, its span the title's."""
        head = self.title_line
        if head is None and self.title_labelled:
            return self.wrap_labelled_title(block, line)
        if head is None or self.title_labelled or block.start != head.end or not wraps_on(self.rec.title, line) or (
                self.text[head.start : head.end].replace("\r", "").endswith("\n\n")):
            return False  # only the line right under the title line (a blank line between ends the title)
        self.rec.title = f"{self.rec.title} {line}"
        self.span_fields[id(block)] = "title"
        self.title_line = block
        return True

    def wrap_labelled_title(self, block: Block, line: str) -> bool:
        """"Proyecto: Servicios ... en México y" / "Centroamérica": a label's (or a code header's) title cut in the
        middle of a phrase where a PDF wrapped it goes on on the line right under it."""
        end = getattr(self, "_title_label_end", None)
        if end is None:  # the first title label's or code header's end, looked up once
            end = next((b.end for b in self.raw.blocks if (b.kind == "label" and b.field == "title") or (
                b.kind == "header" and b.header is not None and b.header.title)), -1)
            self._title_label_end = end
        title = self.rec.title
        if block.start != end or ":" in line or not ends_open(title) or not wraps_on(title, line):
            return False
        self.rec.title = f"{title} {line}"
        self.span_fields[id(block)] = "title"
        self._title_label_end = block.end
        return True
