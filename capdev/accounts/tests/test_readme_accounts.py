"""README names every demo account the demo creates, with what it can do (new-user finding 2: the accounts that
see people were missing, so a new user following README could not try the people workflow)."""
from pathlib import Path

from capdev.accounts.management.commands.demo_users import DEMO as DEMO_ACCOUNTS
from capdev.people.management.commands.demo_people import ACCOUNTS as PEOPLE_ACCOUNTS

README = Path(__file__).resolve().parents[3] / "README.md"


def account_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and cells[0].endswith("`"):
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_readme_lists_every_demo_account_with_its_unit_and_what_it_can_do():
    rows = account_rows()
    for name, *_rest in (*DEMO_ACCOUNTS, *PEOPLE_ACCOUNTS):
        assert name in rows, f"README's account table lacks {name}"
        assert len(rows[name][1]) > 20, name  # says what the account can do
    assert rows["editor-dpidg"][0] == rows["reviewer-dpidg"][0] == "DPIDG"
    assert "sign-in sheets" in rows["editor-dpidg"][1] and "attendance lists" in rows["reviewer-dpidg"][1]
