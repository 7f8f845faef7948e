"""Every message a person can see exists in Indonesian, the default language,
the catalog holds no message the code dropped, and the compiled catalog
matches its source.

The messages are what `pybabel extract -F babel.cfg` finds, extracted here with
the same mapping and keywords; babel.cfg says how to refresh the catalog."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "idp" / "translations" / "id" / "LC_MESSAGES"
REFRESH = "refresh the catalog with the commands at the top of babel.cfg"


def translations(path, reader):
    """msgid → translation, for the translated messages: the ones the .mo holds.

    A fuzzy entry (`pybabel update` guessing from a similar message) is not one
    until someone checks it and removes the flag."""
    with open(path, "rb") as handle:
        return {m.id: m.string for m in reader(handle) if m.id and m.string and not m.fuzzy}


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    """msgid → where it is written, as `pybabel extract -F babel.cfg .` finds them at the root."""
    with open(ROOT / "babel.cfg") as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    # pybabel's keywords: the defaults (_, gettext, N_, …) plus babel.cfg's per-file ones.
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]  # (singular, plural)
        found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def catalog() -> dict[str, str]:
    return translations(CATALOG / "messages.po", read_po)


def test_every_visible_message_has_an_indonesian_translation(extracted, catalog):
    missing = {msgid: where for msgid, where in extracted.items() if not catalog.get(msgid)}
    assert not missing, f"No Indonesian translation yet ({REFRESH}, then translate): {missing}"


def test_catalog_holds_no_message_the_code_no_longer_uses(extracted, catalog):
    # Also what a lost N_() marker looks like: the message is still translated, but no longer found.
    unused = sorted(set(catalog) - set(extracted))
    assert not unused, f"Not in the code (any more?), {REFRESH}: {unused}"


def test_compiled_catalog_is_up_to_date_with_the_po_file(catalog):
    # After editing messages.po: .venv/bin/pybabel compile -d idp/translations
    assert translations(CATALOG / "messages.mo", read_mo) == catalog


def test_placeholders_survive_translation(catalog):
    for english, indonesian in catalog.items():
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", indonesian)), english
