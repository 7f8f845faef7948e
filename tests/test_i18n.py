"""Every message a person can see exists in Indonesian, the default language,
and the compiled catalog matches its source."""

import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

IDP = Path(__file__).resolve().parent.parent / "idp"
CATALOG = IDP / "translations" / "id" / "LC_MESSAGES"
IN_TEMPLATES = re.compile(r'_\("([^"]+)"')
IN_CODE = re.compile(r'(?:PageError|OtpError|InvalidPhone|ValueError|\b_)\(\s*"([^"]+)"(?:,\s*"([^"]+)")?')


def translations(path, reader):
    with open(path, "rb") as handle:
        return {message.id: message.string for message in reader(handle) if message.id}


def visible_messages():
    for path in (IDP / "templates").rglob("*.html"):
        yield from IN_TEMPLATES.findall(path.read_text())
    for path in IDP.rglob("*.py"):
        for match in IN_CODE.findall(path.read_text()):
            yield from (m for m in match if m)


def test_every_visible_message_has_an_indonesian_translation():
    catalog = translations(CATALOG / "messages.po", read_po)
    missing = sorted({m for m in visible_messages() if not catalog.get(m)})
    assert missing == []


def test_compiled_catalog_is_up_to_date_with_the_po_file():
    # After editing messages.po: .venv/bin/pybabel compile -d idp/translations
    assert translations(CATALOG / "messages.mo", read_mo) == translations(CATALOG / "messages.po", read_po)


def test_placeholders_survive_translation():
    catalog = translations(CATALOG / "messages.po", read_po)
    for english, indonesian in catalog.items():
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", indonesian)), english
