"""Generate Capdev's compact IATI data files from the official material in shared/ (`capdev iati build-data`).

The product reads only capdev/iati/data/ at run time; this script is how those files were made, so that they can
be regenerated when IATI publishes new codelists or rules. Each file records its sources and their SHA-256.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lxml import etree

# Codelists too large to be worth their names: only their codes are kept.
CODES_ONLY = {"CRSChannelCode", "FileFormat", "LocationType", "OrganisationRegistrationAgency",
              "OrganisationIdentifier", "IATIOrganisationIdentifier", "BudgetIdentifier"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def read_codelist(path: Path, names: bool = True) -> dict:
    """A codelist file as {"codes": {code: English name}, "withdrawn": [codes]}."""
    root = etree.parse(str(path), _parser()).getroot()
    codes: dict[str, str] = {}
    withdrawn: list[str] = []
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        if not code:
            continue
        name = ""
        if names:
            for narrative in item.findall("name/narrative"):
                if narrative.get("{http://www.w3.org/XML/1998/namespace}lang") in (None, "en"):
                    name = " ".join((narrative.text or "").split())
                    break
        codes[code] = name
        if item.get("status") == "withdrawn":
            withdrawn.append(code)
    return {"codes": codes, "withdrawn": withdrawn}


def read_mapping(path: Path) -> list[dict]:
    """The mapping entries (path, codelist, condition) that apply to activity files."""
    root = etree.parse(str(path), _parser()).getroot()
    entries = []
    for m in root.iter("mapping"):
        xpath = (m.findtext("path") or "").strip()
        ref = m.find("codelist").get("ref")
        if not xpath.startswith("//iati-activity") and not xpath.startswith("//iati-activities"):
            continue
        entries.append({"path": xpath, "codelist": ref, "condition": (m.findtext("condition") or "").strip()})
    return entries


def build(shared_iati: Path, out_dir: Path) -> list[Path]:
    """Write codelists.json and ruleset.json into out_dir from shared_iati (shared/iati); return the files."""
    codelist_dir = shared_iati / "codelists"
    mapping_path = codelist_dir / "mapping.xml"
    mapping = read_mapping(mapping_path)
    wanted = sorted({e["codelist"] for e in mapping} | {"OrganisationRegistrationAgency", "Version"})
    lists, sources = {}, {"mapping.xml": _sha(mapping_path)}
    for name in wanted:
        path = codelist_dir / f"{name}.xml"
        if not path.exists():
            continue
        lists[name] = read_codelist(path, names=name not in CODES_ONLY)
        sources[f"{name}.xml"] = _sha(path)
    codelists = {
        "_source": {"from": "IATI/IATI-Codelists (version-2.03) and IATI-Codelists-NonEmbedded, "
                            "as copied in shared/iati/codelists/", "generator": "capdev iati build-data",
                    "sha256": sources},
        "mapping": mapping,
        "lists": lists,
    }
    ruleset_path = shared_iati / "rulesets" / "standard.json"
    standard = json.loads(ruleset_path.read_text(encoding="utf-8"))
    contexts = {ctx: rules for ctx, rules in standard.items() if "iati-activit" in ctx or ctx.startswith("//")}
    ruleset = {
        "_source": {"from": "IATI/IATI-Rulesets (version-2.03) rulesets/standard.json, as copied in "
                            "shared/iati/rulesets/; activity contexts only", "generator": "capdev iati build-data",
                    "sha256": {"standard.json": _sha(ruleset_path)}},
        "rules": contexts,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (("codelists.json", codelists), ("ruleset.json", ruleset)):
        path = out_dir / name
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
