"""The same records in other layouts read the same: each hand-labelled file of files/layouts/ is rewritten with its
labels in capitals or lower case, followed by a dash, an em dash, a tab, a run of spaces, leader dots or " : ",
alone on their line with the value on the next, as Markdown table rows, bold, bulleted, and with Windows line
ends; every gold value must still hold. A rule fitted to one way of writing fails here."""
from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from capdev.narrative import parse_text
from capdev.narrative.labels import match_label

from ._shared import FILES
from .gold import check

LAYOUTS = FILES / "layouts"
GOLD = {k: v for k, v in json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8")).items()
        if not k.startswith("_")}

WRITINGS: dict[str, Callable[[str, str], str]] = {
    "capitals": lambda label, value: f"{label.upper()}: {value}",
    "lower": lambda label, value: f"{label.lower()}: {value}",
    "value_below": lambda label, value: f"{label}\n{value}",
    "dash": lambda label, value: f"{label} \u2013 {value}",
    "em_dash": lambda label, value: f"{label}\u2014{value}",
    "tab": lambda label, value: f"{label}\t{value}",
    "spaces": lambda label, value: f"{label}     {value}",
    "leader_dots": lambda label, value: f"{label} ........ {value}",
    "french_colon": lambda label, value: f"{label} : {value}",
    "markdown_row": lambda label, value: f"| {label} | {value} |",
    "bold": lambda label, value: f"**{label}:** {value}",
    "bullet": lambda label, value: f"- {label}: {value}",
}


def rewrite(text: str, writing: str) -> str:
    """The text with each line that starts with a label and a colon written the other way."""
    if writing == "crlf":
        return text.replace("\n", "\r\n")
    out = []
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = match_label(line)
        wrapped = k + 1 < len(lines) and lines[k + 1][:1].islower()
        if writing == "markdown_row" and wrapped:
            out.append(line)  # a value wrapped onto the next line cannot be one table row
        elif m and m.sep == "colon" and m.start == 0 and m.number is None and line[m.value_start :].strip():
            label = line[: m.end].rstrip().rstrip(":\uff1a").rstrip()
            out.append(WRITINGS[writing](label, line[m.value_start :]))
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("writing", [*WRITINGS, "crlf"])
@pytest.mark.parametrize("name", sorted(GOLD))
def test_another_layout_reads_the_same(name: str, writing: str) -> None:
    records = parse_text(rewrite((LAYOUTS / name).read_text(encoding="utf-8"), writing))
    assert len(records) == len(GOLD[name])
    failures = []
    for i, gold in enumerate(GOLD[name]):
        for key, expected in gold.items():
            try:
                check(records[i], key, expected, records)
            except AssertionError as exc:
                failures.append(f"record {i + 1} {key}: {exc}")
    assert not failures, failures


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"], ids=["no_blank", "blank", "two_blanks"])
@pytest.mark.parametrize("name", sorted(GOLD))
def test_records_one_after_another_part_where_they_should(name: str, gap: str) -> None:
    """A file of several records in one layout (here the same file twice, with or without blank lines between):
    as many records as written, each with its own values."""
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    records = parse_text(text.rstrip("\n") + gap + text)
    assert len(records) == 2 * len(GOLD[name])
    failures = []
    for i, gold in enumerate(GOLD[name] * 2):
        for key, expected in gold.items():
            try:
                check(records[i], key, expected, records)
            except AssertionError as exc:
                failures.append(f"record {i + 1} {key}: {exc}")
    assert not failures, failures
